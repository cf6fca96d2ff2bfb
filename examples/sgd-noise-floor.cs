#:project ../src/TheoryLab/TheoryLab.csproj

// SGD's noise floor through the library: run the experiment (quick options unless "full" is passed; "logistic" runs
// ℓ2-regularised logistic regression on MNIST-1D instead of least squares, at λ = 0.1 on 300 sequences when quick)
// and print its findings.
using TheoryLab.Experiments;
using TheoryLab.Experiments.Optimization;
using TheoryLab.Runs;

var experiment = (SgdNoiseFloor)ExperimentRegistry.Default.Get("sgd-noise-floor");
bool full = args.Contains("full"), logistic = args.Contains("logistic");
var options = full ? experiment.Defaults : experiment.Quick;
if (logistic) options = full ? options with { Problem = "logistic" } : options with { Problem = "logistic", Samples = 300, Ridge = 0.1 };
var outcome = Runner.Run(new RunRequest(experiment, options)
{
    OutputDirectory = Path.Combine("runs", "example-sgd-noise-floor" + (logistic ? "-logistic" : "") + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.Value,12:G6} {f.Unit,-12}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");
