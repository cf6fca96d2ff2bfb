using System.CommandLine;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report methods</c>: the code-description paragraph, from the runs the report uses.</summary>
internal static class ReportMethodsCommand
{
    public static Command Create(ConsoleIO io)
    {
        var report = ReportCommand.ReportOption();
        var command = new Command("methods", "Write the code-description paragraph (versions, experiments, options, seeds, datasets, hardware) from the report's runs.") { report };
        command.SetAction(parse =>
        {
            string path = MethodsWriter.WriteFile(ReportProject.Open(parse.GetValue(report)!));
            io.Out.WriteLine($"wrote {path}");
            return CliApp.Ok;
        });
        return command;
    }
}
