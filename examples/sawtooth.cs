#:project ../src/TheoryLab/TheoryLab.csproj

// Telgarsky's sawtooth through the library: run the experiment (quick options unless "full" is passed), print its
// findings, then count the linear pieces of a few networks directly, before and after training.
using TheoryLab.Experiments;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Runs;
using TheoryLab.Training.PiecewiseLinear;

var experiment = ExperimentRegistry.Default.Get("sawtooth");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-sawtooth" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.WhyNoValue ?? f.Value.ToString("G6"),12} {f.Unit,-10}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

// The same machinery on its own: Δᵏ has 2ᵏ pieces; a random network of the same shape has very few.
for (int k = 1; k <= 10; k++)
    Console.WriteLine($"Δ^{k,-2} {LinearPieces.Count(TentMap.Network(k), 0, 1),6} pieces on [0, 1]   random {k} × 2 net: {LinearPieces.Count(ReluNetwork.Random(Enumerable.Repeat(2, k).ToArray(), new Random(k)), 0, 1)}");
var wide = ReluNetwork.Random([64, 64, 64], new Random(1));
Console.WriteLine($"random 3 × 64 network: {LinearPieces.Count(wide, 0, 1)} pieces on [0, 1], {LinearPieces.Count(wide, -10, 10)} on [-10, 10]; bound (2m)^l = {wide.PieceBound:G3}");

// A deep-narrow network (3 layers of 8 units) at Hanin and Rolnick's initialisation, trained on Δ⁴ by Adam through the
// library's Trainer: its exactly counted pieces stay near the count at initialisation, far below 2⁴ = 16 pieces' worth of fit.
TheoryLab.Torch.TorchRuntime.EnsureLoaded();
var initial = ReluNetwork.RandomCentred([8, 8, 8], 1, 0, 1, new Random(0));
var target = TentMap.Exact(4, 0, 1);
var trained = LinearPieces.Function(GradientFit.Train(initial, target, new GradientFitSettings(2000, 0.01, 1024, "adam", SquaredError: true, CosineDecay: true), TorchSharp.torch.CPU), 0, 1);
Console.WriteLine($"3 × 8 network: {LinearPieces.Count(initial, 0, 1)} pieces at initialisation, {trained.PieceCount} after training " +
    $"(bounds: Π(m + 1) = {initial.LayerwisePieceBound}, (2m)^l = {initial.PieceBound}); mean |f − Δ⁴| = {trained.MeanAbsoluteDistance(target):F3}");
