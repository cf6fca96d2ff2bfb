#:project ../src/TheoryLab/TheoryLab.csproj

// Adaptive collocation points, through the library: run the experiment (quick options unless "full" is passed) and
// print its findings, then use two of its pieces by hand: the Allen–Cahn reference solver, and RAD's residual density
// on a residual that peaks in the middle of the interval.
using TheoryLab.Experiments;
using TheoryLab.Numerics.Pde;
using TheoryLab.Runs;
using TheoryLab.Training.Pinn;

var experiment = ExperimentRegistry.Default.Get("pinn-adaptive");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-pinn-adaptive" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-30} {f.Value,12:G5} {f.Unit,-4}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

var solver = new AllenCahnEtdrk4();
var u = solver.Solve(AllenCahnEtdrk4.BenchmarkInitial, 1, 3, 500);
foreach (int j in new[] { 0, 128, 256, 384 })
    Console.WriteLine($"  Allen–Cahn at x = {solver.Positions[j],5:F2}: u(0) = {u[0, j],6:F3}, u(0.5) = {u[1, j],6:F3}, u(1) = {u[2, j],6:F3}");

double[] residuals = [.. Enumerable.Range(0, 11).Select(i => Math.Exp(-Math.Pow(i - 5, 2)))];
var density = ResidualAdaptiveSampling.Density(residuals);
Console.WriteLine($"  RAD's density on a residual peaked at the centre: {string.Join(" ", density.Select(p => p.ToString("F3")))}");
