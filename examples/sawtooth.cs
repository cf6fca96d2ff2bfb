#:project ../src/TheoryLab/TheoryLab.csproj

// Telgarsky's sawtooth through the library: run the experiment (quick options unless "full" is passed), print its
// findings, then count the linear pieces of a few networks directly.
using TheoryLab.Experiments;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("sawtooth");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-sawtooth" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G6} {f.Unit,-10}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

// The same machinery on its own: Δᵏ has 2ᵏ pieces; a random network of the same shape has very few.
for (int k = 1; k <= 10; k++)
    Console.WriteLine($"Δ^{k,-2} {LinearPieces.Count(TentMap.Network(k), 0, 1),6} pieces on [0, 1]   random {k} × 2 net: {LinearPieces.Count(ReluNetwork.Random(Enumerable.Repeat(2, k).ToArray(), new Random(k)), 0, 1)}");
var wide = ReluNetwork.Random([64, 64, 64], new Random(1));
Console.WriteLine($"random 3 × 64 network: {LinearPieces.Count(wide, 0, 1)} pieces on [0, 1], {LinearPieces.Count(wide, -10, 10)} on [-10, 10]; bound (2m)^l = {wide.PieceBound:G3}");
