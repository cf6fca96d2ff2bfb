using System.CommandLine;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report export-bib [path]</c>: writes TheoryLab's bibliography, the course papers the checker's hints point to.</summary>
internal static class ReportExportBibCommand
{
    public static Command Create(ConsoleIO io)
    {
        var path = new Argument<string>("path")
        {
            Description = $"The file to write, or a directory to write {CourseBibliography.DefaultFileName} into (default: the current directory).",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("export-bib", "Write TheoryLab's bibliography (every course paper, dataset and software), to copy the entries you cite into refs.bib.") { path };
        command.SetAction(parse =>
        {
            io.Out.WriteLine($"wrote {CourseBibliography.Export(parse.GetValue(path)!)}");
            return CliApp.Ok;
        });
        return command;
    }
}
