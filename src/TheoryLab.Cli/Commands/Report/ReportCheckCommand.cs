using System.CommandLine;
using Spectre.Console;
using TheoryLab.Report.Checks;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report check &lt;main.tex | report.pdf&gt;</c>: every rule of the course, where it breaks, how to fix it.</summary>
internal static class ReportCheckCommand
{
    public static Command Create(ConsoleIO io)
    {
        var path = new Argument<string>("path") { Description = "main.tex, the built PDF, or the report directory." };
        var json = new Option<bool>("--json") { Description = "Print the check as one JSON document." };
        var command = new Command("check", "Check the report against the course's rules; non-zero exit when a hard rule fails.") { path, json };
        command.SetAction(parse =>
        {
            var check = ReportChecker.Check(parse.GetValue(path)!);
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(check.ToJson());
            }
            else
            {
                var table = new Spectre.Console.Table().AddColumns("rule", "result", "where", "found", "how to fix");
                foreach (var r in check.Results)
                    table.AddRow(Markup.Escape(r.Rule), Status(r), Markup.Escape(r.Where), Markup.Escape(r.Message), Markup.Escape(r.HowToFix));
                io.Rich.Write(table);
                io.Out.WriteLine(check.HasHardFailures ? "the report breaks a hard rule" : "every hard rule holds");
            }
            return check.HasHardFailures ? CliApp.UserError : CliApp.Ok;
        });
        return command;
    }

    private static string Status(RuleResult r) => (r.Status, r.Severity) switch
    {
        (RuleStatus.Passed, _) => "[green]pass[/]",
        (RuleStatus.Failed, RuleSeverity.Hard) => "[red]FAIL[/]",
        (RuleStatus.Failed, _) => "[yellow]advice[/]",
        _ => "[grey]not checked[/]",
    };
}
