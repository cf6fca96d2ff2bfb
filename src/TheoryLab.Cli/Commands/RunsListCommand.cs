using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TheoryLab.RunIndex;
using TheoryLab.Text;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab runs list [--experiment ID] [--where CONDITION]</c>: a table of the indexed runs.</summary>
internal static class RunsListCommand
{
    /// <summary>Findings shown per run: enough to tell runs apart, few enough to keep a row on one line.</summary>
    private const int FindingsShown = 3;

    public static Command Create(ConsoleIO io)
    {
        var root = RunsCommand.RootOption();
        var experiment = new Option<string?>("--experiment") { Description = "Only the runs of this experiment." };
        var where = new Option<string?>("--where") { Description = "Only the runs that satisfy comparisons of options, findings, status, experiment or seed, joined by and/or: 'sigma_w2>2 and status=completed'." };
        var command = new Command("list", "List the runs under --runs, one row each.") { root, experiment, where };
        command.SetAction(parse =>
        {
            var index = RunsIndex.Open(parse.GetValue(root)!);
            var runs = index.List(parse.GetValue(experiment), parse.GetValue(where));
            var table = new Spectre.Console.Table().AddColumns("experiment", "run", "seed", "status", "started", "wall time", "options", "findings");
            foreach (var run in runs)
                table.AddRow(Markup.Escape(run.Experiment), Markup.Escape(run.RunId), run.Seed.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Status),
                    run.Started.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    run.WallSeconds is { } wall ? NumberText.Short(wall) + " s" : "",
                    Markup.Escape(string.Join(" ", run.NonDefaultOptions.Select(o => $"{o.Key}={o.Value}"))),
                    Markup.Escape(string.Join("; ", run.Findings.Take(FindingsShown).Select(Shown))));
            io.Rich.Write(table);
            io.Out.WriteLine($"{NumberText.Count(runs.Count, "run")} under {index.Root}; 'theorylab runs show <run>' shows one in full.");
            return CliApp.Ok;
        });
        return command;
    }

    private static string Shown(ListedFinding f) => f.Value is { } value ? $"{f.Name}={NumberText.Short(value)}" : $"{f.Name} {f.Outcome}";
}
