#:project ../src/TheoryLab/TheoryLab.csproj

// Where a physics-informed network fails, through the library: run the experiment (quick options unless "full" is
// passed) and print its findings, then use its two cures' schedules by hand: the curriculum's stages of β and the
// time windows that sequence-to-sequence training cuts [0, 1] into.
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TheoryLab.Training.Pinn;

var experiment = ExperimentRegistry.Default.Get("pinn-failure");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-pinn-failure" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-24} {f.Value,12:G5} {f.Unit,-8}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

Console.WriteLine($"curriculum from β = 1 to 30 by 5: {string.Join(", ", CoefficientCurriculum.Stages(1, 30, 5))}");
var windows = new TimeWindows(1, 10);
foreach (double t in new[] { 0.0, 0.05, 0.1, 0.55, 1.0 })
    Console.WriteLine($"  t = {t:F2} is predicted by window {windows.WindowOf(t)} at local time {windows.LocalTime(t):F2} (window starts at {windows.Start(windows.WindowOf(t)):F1})");
