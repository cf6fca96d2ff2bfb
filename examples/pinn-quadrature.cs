#:project ../src/TheoryLab/TheoryLab.csproj

// The PINN loss as a quadrature rule, through the library: run the experiment (quick options unless "full" is
// passed) and print its findings, then use the point sets by hand: the four rules' estimates of ∫∫ e^(x+y) over the
// unit square, whose exact value is (e − 1)², at N = 256 points.
using TheoryLab.Experiments;
using TheoryLab.Numerics.Cubature;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("pinn-quadrature");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-pinn-quadrature" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-30} {f.Value,12:G5} {f.Unit,-8}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

double exact = Math.Pow(Math.E - 1, 2);
foreach (var kind in Enum.GetValues<PointSet>())
{
    var rule = CollocationPoints.Rule(kind, 16, 2, new Random(1));
    double estimate = rule.Sum(x => Math.Exp(x[0] + x[1]));
    Console.WriteLine($"  {kind,-7} N = {rule.Count}: error {Math.Abs(estimate - exact):E2} (theory's exponent of N: {CollocationPoints.TheoreticalSlope(kind, 2)?.ToString() ?? "none, geometric"})");
}
