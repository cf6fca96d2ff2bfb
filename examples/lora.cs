#:project ../src/TheoryLab/TheoryLab.csproj

// Low-rank adaptation through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then adapt one layer by hand with TheoryLab.Models.Adapters.LowRankAdapter: a rank-2 adapter starts as
// the layer itself (B = 0), a few gradient steps move only A and B, and the merged layer computes what the adapter does.
using TheoryLab.Experiments;
using TheoryLab.Models.Adapters;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("lora");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-lora" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.Value,12:G5} {f.Unit,-8}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

using var generator = new Generator(1);
using var layer = nn.Linear(20, 10);
using var adapter = new LowRankAdapter(layer, rank: 2, alpha: 2, generator);
using var x = randn(64, 20, generator: generator);
using var target = randn(64, 10, generator: generator);
Console.WriteLine($"at the start the adapter equals the layer: {adapter.forward(x).equal(layer.forward(x)).all().item<bool>()}; " +
    $"it trains {adapter.TrainableParameters} numbers against the layer's {20 * 10 + 10}");
var trainable = adapter.parameters().Where(p => p.requires_grad).ToArray();
for (int step = 0; step < 50; step++)
{
    using var scope = NewDisposeScope();
    foreach (var p in trainable) p.grad?.zero_();
    (adapter.forward(x) - target).square().mean().backward();
    using (no_grad())
        foreach (var p in trainable) p.sub_(p.grad! * 0.1);
}
using var merged = adapter.Merge();
double difference = (merged.forward(x) - adapter.forward(x)).abs().max().ToDouble();
Console.WriteLine($"after 50 steps: the update (α/r)BA has rank {TruncatedSvd.SingularValues(adapter.Update()).Count(s => s > 1e-6)}, " +
    $"and the merged layer differs from the adapter by at most {difference:G2}");
