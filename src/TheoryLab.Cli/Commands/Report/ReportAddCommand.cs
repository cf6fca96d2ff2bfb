using System.CommandLine;
using TheoryLab.Figures;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report add &lt;run-dir&gt;…</c>: copies runs' and sweeps' figures and citations into the report.</summary>
internal static class ReportAddCommand
{
    public static Command Create(ConsoleIO io)
    {
        var runs = new Argument<string[]>("run-dir") { Description = "Run directories (as 'theorylab run' prints them), or sweep directories (runs/<id>/sweeps/<hash>, as 'theorylab sweep' prints them).", Arity = ArgumentArity.OneOrMore };
        var report = ReportCommand.ReportOption();
        var width = new Option<FigureWidth>("--width")
        {
            Description = "half: each figure half the text width with its caption beside it (pair two with 'report pair'); full: the text width.",
            DefaultValueFactory = _ => FigureWidth.Half,
        };
        var command = new Command("add", "Add runs: their vector figures and .tex snippets, their BibTeX entries, a record of which figure came from which run.") { runs, report, width };
        command.SetAction(parse =>
        {
            var project = ReportProject.Open(parse.GetValue(report)!);
            var result = project.Add(parse.GetValue(width), parse.GetValue(runs)!);
            foreach (var run in result.Runs)
            {
                io.Out.WriteLine($"{(run.Refreshed ? "refreshed" : "added")} {run.Experiment} ({run.RunId}) as {run.Prefix}: {run.Figures.Count} figure(s), {run.AddedCitations.Count} new citation(s)");
                foreach (var figure in run.Figures) io.Out.WriteLine($"  {figure.InputLine}   % then \\ref{{{figure.Label}}}");
                foreach (var key in run.ConflictingCitations) io.Out.WriteLine($"  note: refs.bib already had a different '{key}'; the report's version was kept");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
