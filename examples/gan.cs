#:project ../src/TheoryLab/TheoryLab.csproj

// Generative adversarial nets through the library: run the experiment (quick options unless "full" is passed) and
// print its findings, then use two of its pieces by hand: the Fréchet distance between two Gaussians in one dimension,
// (μ₁ − μ₂)² + (σ₁ − σ₂)², and the exact quality of the ring's own samples, 1 − e^{−9/2} of them within 3σ of a mode.
using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Data.Toy;
using TheoryLab.Experiments;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("gan");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-gan" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-36} {f.Value,14:G6} {f.Unit,-9}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

var a = new GaussianFit([0.0], new[,] { { 1.0 } });
var b = new GaussianFit([2.0], new[,] { { 4.0 } });
Console.WriteLine($"Fréchet distance² between N(0, 1) and N(2, 2²): {FrechetDistance.Squared(a, b)} (closed form (0 − 2)² + (1 − 2)² = 5)");

var ring = PlanarMixture.Ring();
var quality = PlanarSampleQuality.Of(ring, ring.Sample(100_000, seed: 1));
Console.WriteLine($"ring's own samples: {quality.ModesHit}/{ring.Modes} modes, {quality.HighQualityFraction:F4} within 3σ (exact {PlanarSampleQuality.TargetHighQualityFraction(3):F4})");
