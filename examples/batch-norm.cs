#:project ../src/TheoryLab/TheoryLab.csproj

// Batch norm's stable learning rates and smoother landscape through the library: run the experiment (quick options unless "full" is passed) and print its findings.
using TheoryLab.Experiments;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("batch-norm");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-batch-norm" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.WhyNoValue ?? f.Value.ToString("G6"),12} {f.Unit,-12}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");
