using System.CommandLine;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report remove &lt;prefix|run-dir&gt;</c>: takes a run and the files TheoryLab wrote for it out of the report.</summary>
internal static class ReportRemoveCommand
{
    public static Command Create(ConsoleIO io)
    {
        var run = new Argument<string>("run") { Description = "The run's prefix in the report (as 'report add' printed it) or the run directory it was added from." };
        var report = ReportCommand.ReportOption();
        var command = new Command("remove", "Take a run out of the report: its figures, pairs and copy of run.json; refs.bib and your text are left alone.") { run, report };
        command.SetAction(parse =>
        {
            var removal = ReportProject.Open(parse.GetValue(report)!).Remove(parse.GetValue(run)!);
            io.Out.WriteLine($"removed {removal.Run.Prefix} ({removal.Run.Experiment}, run {removal.Run.RunId}) and its {removal.Run.Figures.Count} figure(s)");
            foreach (var line in removal.StaleInputs) io.Out.WriteLine($"  delete from main.tex if present: {line}");
            return CliApp.Ok;
        });
        return command;
    }
}
