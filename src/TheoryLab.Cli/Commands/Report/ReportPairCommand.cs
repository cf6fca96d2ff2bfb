using System.CommandLine;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report pair &lt;figure&gt; &lt;figure&gt;</c>: two of the report's figures side by side in one figure, with subcaptions.</summary>
internal static class ReportPairCommand
{
    public static Command Create(ConsoleIO io)
    {
        var left = new Argument<string>("left") { Description = "The left panel: a figure 'report add' printed (figures/<run>-<figure> or its label)." };
        var right = new Argument<string>("right") { Description = "The right panel." };
        var report = ReportCommand.ReportOption();
        var command = new Command("pair", "Put two of the report's figures side by side in one figure, each with its subcaption and label.") { left, right, report };
        command.SetAction(parse =>
        {
            var pair = ReportProject.Open(parse.GetValue(report)!).Pair(parse.GetValue(left)!, parse.GetValue(right)!);
            io.Out.WriteLine($"{pair.InputLine}   % then \\ref{{{pair.Label}}}, or \\ref{{{pair.Left}}} and \\ref{{{pair.Right}}} for a panel");
            return CliApp.Ok;
        });
        return command;
    }
}
