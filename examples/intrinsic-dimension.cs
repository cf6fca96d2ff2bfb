#:project ../src/TheoryLab/TheoryLab.csproj

// Intrinsic dimension through the library: run the experiment (quick options, MNIST-1D generated in C#, unless
// "full" is passed; the full run reads MNIST from the data directory), print its findings, then estimate the
// dimension of a point cloud of your own with the same estimators.
using TheoryLab.Experiments;
using TheoryLab.Experiments.Expressivity;
using TheoryLab.Numerics.IntrinsicDimension;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("intrinsic-dimension");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-intrinsic-dimension" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,8:F2}{(f.Expected is { } e ? $"   true {e}" : "")}");

// Your own data: any double[][] of points. Here a 7-dimensional sphere in R^50 with a little noise.
var points = ManifoldSample.Draw(ManifoldKind.Sphere, 7, 2000, 50, 1e-4, new Random(1));
var estimates = IntrinsicDimension.Estimate(points, new IntrinsicDimensionOptions());
Console.WriteLine($"S^7 in R^50: Levina–Bickel {estimates.LevinaBickel:F2} (pooled {estimates.LevinaBickelPooled:F2}), TwoNN {estimates.TwoNn:F2}, Hein–Audibert {estimates.HeinAudibert}");
