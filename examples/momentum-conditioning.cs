#:project ../src/TheoryLab/TheoryLab.csproj

// Momentum against conditioning through the library: run the experiment (quick options unless "full" is passed) and
// print its findings, then race the tuned methods on one quadratic by hand with the optimisers from the registry.
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("momentum-conditioning");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-momentum-conditioning" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.Value,12:G6} {f.Unit,-12}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

// f(x) = ½(x₁² + κx₂²) with κ = 400: the same step 1/L, with and without momentum, for 200 steps.
TorchRuntime.EnsureLoaded();
double kappa = 400, momentum = (Math.Sqrt(kappa) - 1) / (Math.Sqrt(kappa) + 1);
foreach (var (name, hyper) in new[] { ("sgd", new Dictionary<string, double> { ["lr"] = 1 / kappa }),
                                       ("nesterov", new Dictionary<string, double> { ["lr"] = 1 / kappa, ["momentum"] = momentum }) })
{
    using var optimizer = OptimizerRegistry.Create(name, hyper);
    var x = tensor(new double[] { 1, 1 }, dtype: float64);
    var curvature = tensor(new double[] { 1, kappa }, dtype: float64);
    for (int k = 0; k < 200; k++) optimizer.Step([x], [x * curvature]);
    Console.WriteLine($"{name,-10} after 200 steps: ‖x − x*‖ = {x.norm().item<double>():E2}");
}
