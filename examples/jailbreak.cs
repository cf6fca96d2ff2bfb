#:project ../src/TheoryLab/TheoryLab.csproj

// Jailbreaking a refusing language model through the library: run the experiment (quick options unless "full" is
// passed) and print its findings, then use GCG by hand on an untrained model, where a one-token suffix can be
// searched exhaustively: one GCG step with k = the vocabulary and enough candidates lands on the exhaustive optimum.
using TheoryLab.Analysis.Jailbreak;
using TheoryLab.Experiments;
using TheoryLab.Models.Transformers;
using TheoryLab.Runs;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("jailbreak");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-jailbreak" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

// A random 2-layer model over 9 tokens; the target: after "0 3 5 <suffix> 1" the model should say "4 6".
const int vocabulary = 9;
using var generator = new Generator(3);
using var model = new TinyLanguageModel(vocabulary, 10, 16, 2, 2, generator, ScalarType.Float64);
using (no_grad()) foreach (var p in model.parameters()) p.mul_(5);   // sharper than GPT-2's initial scale, so tokens matter
var target = new SuffixTarget([0, 3, 5], [1], [4, 6]);
int[] tokens = [.. Enumerable.Range(0, vocabulary)];
var exhaustive = Gcg.Losses(model, [target], tensor(tokens.Select(t => (long)t).ToArray()).unsqueeze(1)).data<double>().ToArray();
var found = Gcg.Run(model, [target], [0], tokens, new GcgSettings(TopK: vocabulary, Candidates: 200, Steps: 1), new Random(1), _ => false);
Console.WriteLine($"1-token suffix: GCG picks token {found.Suffix[0]} (loss {found.Losses[^1]:F4}); exhaustive optimum token " +
    $"{Array.IndexOf(exhaustive, exhaustive.Min())} (loss {exhaustive.Min():F4}), worst {exhaustive.Max():F4}");
