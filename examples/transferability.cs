#:project ../src/TheoryLab/TheoryLab.csproj

// Transferability through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then measure a transfer by hand with TheoryLab.Analysis.Adversarial: FGSM crafted on one linear classifier
// fools a second one in proportion to how much their weights share.
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("transferability");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-transferability" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

// Two 3-class linear classifiers on 100 inputs whose weights share a common part in proportion `shared`.
const int d = 100, classes = 3;
using var generator = new Generator(13);
var common = randn([classes, d], dtype: float64, generator: generator);
nn.Module<Tensor, Tensor> Linear(Tensor weight)
{
    var linear = nn.Linear(d, classes, hasBias: false, dtype: float64);
    using (no_grad()) linear.weight!.copy_(weight);
    return linear;
}
var x = randn([500, d], dtype: float64, generator: generator);
using var source = Linear(common);
Tensor Labels(nn.Module<Tensor, Tensor> m) { using var _ = no_grad(); return m.call(x).argmax(1); }
var adversarial = Fgsm.Attack(source, ThreatModel.Fgsm(0.15, space: InputSpace.Unbounded), x, Labels(source));
foreach (double shared in new[] { 0.0, 0.5, 0.9, 1.0 })
{
    using var target = Linear(common.mul(shared).add(randn([classes, d], dtype: float64, generator: generator).mul(Math.Sqrt(1 - shared * shared))));
    var success = Transfer.Success(target, InputSpace.Unbounded, x, adversarial, Labels(target));
    Console.WriteLine($"weights sharing {shared:P0}: FGSM from the source fools {success.Rate:P1} of the target's {success.Correct} images");
}
