#:project ../src/TheoryLab/TheoryLab.csproj

// Linear autoencoders and PCA through the library: run the experiment (quick options unless "full" is passed) and
// print its findings, then measure principal angles by hand with TheoryLab.Numerics.Subspaces: a plane in R³ tilted
// by 10° about one of its own axes has principal angles 0° and 10° to the original.
using TheoryLab.Experiments;
using TheoryLab.Numerics.Subspaces;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("linear-autoencoder");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-linear-autoencoder" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-28} {f.Value,14:G6} {f.Unit,-4}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

double tilt = 10 * Math.PI / 180;
var plane = new double[,] { { 1, 0 }, { 0, 1 }, { 0, 0 } };
var tilted = new double[,] { { 1, 0 }, { 0, Math.Cos(tilt) }, { 0, Math.Sin(tilt) } };
var angles = PrincipalAngles.Between(plane, tilted).Select(a => a * 180 / Math.PI);
Console.WriteLine($"principal angles between the xy-plane and its 10° tilt: {string.Join(", ", angles.Select(a => $"{a:F6}°"))}");
Console.WriteLine($"Eckart–Young bound of rank 1 for eigenvalues 3, 2, 1: {EckartYoung.Bound([3, 2, 1], 1)}");
