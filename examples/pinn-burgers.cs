#:project ../src/TheoryLab/TheoryLab.csproj

// A physics-informed network for Burgers' equation through the library: run the experiment (quick options unless
// "full" is passed) and print its findings, then use the PDE library by hand: the Cole–Hopf solution at the shock
// beside the finite-difference solver's on finer and finer grids, and L-BFGS on Rosenbrock's function.
using TheoryLab.Experiments;
using TheoryLab.Numerics.Pde;
using TheoryLab.Runs;
using TheoryLab.Training.Optimizers;

var experiment = ExperimentRegistry.Default.Get("pinn-burgers");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-pinn-burgers" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-20} {f.Value,12:G5} {f.Unit,-11}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

const double nu = 0.01 / Math.PI;
var exact = new BurgersColeHopf(nu);
double x = 2.0 * 500 / 1024 - 1;   // a node of every grid below, 0.02 left of the front at t = 0.5
Console.WriteLine($"u(0.5, {x:F4}): Cole–Hopf {exact.Value(0.5, x):F8}");
foreach (int nodes in new[] { 1024, 2048, 4096 })
{
    var u = BurgersFiniteDifference.Solve(s => -Math.Sin(Math.PI * s), nu, 0.5, nodes);
    Console.WriteLine($"  finite differences, {nodes,5} nodes: {u[500 * nodes / 1024]:F8}");
}

var result = Lbfgs.Minimize(p => (100 * Math.Pow(p[1] - p[0] * p[0], 2) + Math.Pow(1 - p[0], 2),
    [-400 * (p[1] - p[0] * p[0]) * p[0] - 2 * (1 - p[0]), 200 * (p[1] - p[0] * p[0])]), [-1.2, 1], new LbfgsSettings(MaxIterations: 200));
Console.WriteLine($"L-BFGS on Rosenbrock from (−1.2, 1): ({result.Minimizer[0]:F8}, {result.Minimizer[1]:F8}) after {result.Iterations} iterations ({result.Stop})");
