using System.CommandLine;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report replace &lt;prefix|run-dir&gt; &lt;new-run-dir&gt;</c>: another run of the same experiment in an old one's place.</summary>
internal static class ReportReplaceCommand
{
    public static Command Create(ConsoleIO io)
    {
        var old = new Argument<string>("old") { Description = "The run to replace: its prefix in the report or the run directory it was added from." };
        var run = new Argument<string>("new-run-dir") { Description = "A run directory of the same experiment, as 'theorylab run' prints it." };
        var report = ReportCommand.ReportOption();
        var command = new Command("replace", "Put a new run of the same experiment in an old run's place: same prefix, labels and width, so main.tex needs no change.") { old, run, report };
        command.SetAction(parse =>
        {
            var result = ReportProject.Open(parse.GetValue(report)!).Replace(parse.GetValue(old)!, parse.GetValue(run)!);
            io.Out.WriteLine($"replaced {result.Prefix} by {result.Experiment} ({result.RunId}): {result.Figures.Count} figure(s), {result.AddedCitations.Count} new citation(s)");
            return CliApp.Ok;
        });
        return command;
    }
}
