using System.CommandLine;
using TheoryLab.Report.Latex;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report build</c>: latexmk (pdflatex + bibtex), with LaTeX's errors as file:line.</summary>
internal static class ReportBuildCommand
{
    public static Command Create(ConsoleIO io)
    {
        var report = ReportCommand.ReportOption();
        var command = new Command("build", "Compile the report to PDF with latexmk (pdflatex + bibtex).") { report };
        command.SetAction(parse =>
        {
            var result = ReportBuilder.Build(parse.GetValue(report)!);
            foreach (var warning in result.Warnings) io.Error.WriteLine($"warning: {warning}");
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors) io.Error.WriteLine($"error: {error}");
                if (result.Errors.Count == 0) io.Error.WriteLine($"error: LaTeX failed without a located error; see {result.LogPath}");
                return CliApp.UserError;
            }
            io.Out.WriteLine($"built {result.PdfPath} in {result.Elapsed.TotalSeconds:F1} s; next: theorylab report check {result.PdfPath}");
            return CliApp.Ok;
        });
        return command;
    }
}
