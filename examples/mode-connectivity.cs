#:project ../src/TheoryLab/TheoryLab.csproj

// Mode connectivity through the library: run the experiment (quick options unless "full" is passed) and print its findings.
using TheoryLab.Experiments;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("mode-connectivity");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-mode-connectivity" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G6} {f.Unit,-6}{(f.Expected is { } e ? $" expected {e:G6} ({f.ExpectedSource})" : "")}");
