using System.CommandLine;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report new &lt;dir&gt;</c>: a LaTeX project in the NeurIPS format with the sections a report needs.</summary>
internal static class ReportNewCommand
{
    public static Command Create(ConsoleIO io)
    {
        var dir = new Argument<string>("dir") { Description = "Directory for the new report." };
        var title = new Option<string>("--title") { Description = "The report's title.", DefaultValueFactory = _ => "Title of the Mini-Project" };
        var author = new Option<string>("--author") { Description = "Author line(s); \\n starts a new line.", DefaultValueFactory = _ => "Author Name" };
        var command = new Command("new", "Create a report: main.tex, the NeurIPS-geometry style, refs.bib, figures/.") { dir, title, author };
        command.SetAction(parse =>
        {
            var project = ReportProject.Create(parse.GetValue(dir)!, parse.GetValue(title)!, parse.GetValue(author)!.Replace("\\n", "\n"));
            io.Out.WriteLine($"report created in {project.Directory}");
            io.Out.WriteLine($"next: theorylab report add <run-dir> --report {parse.GetValue(dir)}");
            return CliApp.Ok;
        });
        return command;
    }
}
