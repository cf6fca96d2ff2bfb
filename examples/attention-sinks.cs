#:project ../src/TheoryLab/TheoryLab.csproj

// Attention sinks through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then use the transformer by hand: a fresh TinyLanguageModel attends almost evenly, so every head puts
// about 1/(t + 1) of query t's attention on the first token, and hiding that token moves all of it elsewhere.
using TheoryLab.Experiments;
using TheoryLab.Models.Transformers;
using TheoryLab.Runs;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("attention-sinks");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-attention-sinks" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-42} {f.Value,12:G5} {f.Unit,-5}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

using var generator = new Generator(1);
using var model = new TinyLanguageModel(vocabulary: 10, context: 16, width: 32, layers: 2, heads: 4, generator);
using var noGrad = no_grad();
var tokens = arange(16, dtype: int64).remainder(10).unsqueeze(0);
foreach (bool hide in new[] { false, true })
{
    var attention = model.Trace(tokens, hideFirst: hide).Attention[0];
    var onFirst = attention[0, 0, .., 0].data<float>().ToArray();
    Console.WriteLine($"Head 1 of layer 1, attention on the first token by query{(hide ? " (first token hidden)" : "")}: " +
        string.Join(" ", onFirst.Select(v => v.ToString("F3"))));
}
