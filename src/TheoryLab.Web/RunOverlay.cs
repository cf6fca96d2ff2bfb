using TheoryLab.RunIndex;
using TheoryLab.Runs;
using TheoryLab.Tables;

namespace TheoryLab.Web;

/// <summary>One run's curve of an overlaid figure: which run (an index into the runs), which series, and its points.</summary>
public sealed record OverlaidSeries(int Run, string Label, string Kind, bool Dashed, IReadOnlyList<double?> X, IReadOnlyList<double?> Y);

/// <summary>A figure of several runs drawn together: its axes, every run's curves, and what could not be overlaid and why.</summary>
public sealed record OverlaidFigure(string Name, FigureAxis X, FigureAxis Y, IReadOnlyList<OverlaidSeries> Series, IReadOnlyList<string> Left);

/// <summary>The runs overlaid, each named by what sets it apart from the others, and their figures.</summary>
public sealed record Overlay(string Experiment, IReadOnlyList<string> Runs, IReadOnlyList<string> Labels, IReadOnlyList<OverlaidFigure> Figures);

/// <summary>
/// Several runs of one experiment with each figure's curves drawn together: each run's figure description
/// (figures/&lt;name&gt;.json) says which columns of which of its tables a series draws, and the points are read from
/// those tables, so what the page draws is what the run wrote. Lines, markers and bars overlay; a heatmap or a
/// band per run would hide the others, so those are named as left out.
/// </summary>
internal static class RunOverlay
{
    private static readonly string[] Overlaid = ["line", "markers", "bars"];

    public static Overlay Of(string root, IReadOnlyList<IndexedRun> runs)
    {
        if (runs.Count < 2) throw new TheoryLabException($"overlaying curves needs two or more runs of one experiment; {runs.Count} named.");
        var experiments = runs.Select(r => r.Record.Experiment).Distinct().ToList();
        if (experiments.Count > 1)
            throw new TheoryLabException($"curves overlay only for runs of one experiment, and these are runs of {string.Join(" and ", experiments)}; compare them side by side instead.");
        var names = runs.SelectMany(r => Described(r.Directory)).Distinct().ToList();
        return new Overlay(experiments[0], [.. runs.Select(r => Path.GetRelativePath(root, r.Directory))], Labels(runs),
            [.. names.Select(name => Figure(root, runs, name))]);
    }

    /// <summary>What tells each run apart: the options (and seed) whose values differ among the runs, else its run id.</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<IndexedRun> runs)
    {
        var options = runs.SelectMany(r => r.Record.Options.Keys).Distinct()
            .Where(o => runs.Select(r => r.Record.Options.GetValueOrDefault(o)).Distinct().Count() > 1).ToList();
        bool seeds = runs.Select(r => r.Record.Seed).Distinct().Count() > 1;
        return [.. runs.Select(r =>
        {
            var parts = options.Select(o => $"{o}={r.Record.Options.GetValueOrDefault(o) ?? "-"}").Concat(seeds ? [$"seed={r.Record.Seed}"] : []).ToList();
            return parts.Count > 0 ? string.Join(", ", parts) : r.Record.RunId;
        })];
    }

    private static IEnumerable<string> Described(string runDirectory)
    {
        string figures = Path.Combine(runDirectory, RunLayout.FiguresFolder);
        return Directory.Exists(figures)
            ? Directory.EnumerateFiles(figures, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!
            : [];
    }

    private static OverlaidFigure Figure(string root, IReadOnlyList<IndexedRun> runs, string name)
    {
        var series = new List<OverlaidSeries>();
        var left = new List<string>();
        FigureDescription? shape = null;
        for (int i = 0; i < runs.Count; i++)
        {
            var description = FigureDescription.TryRead(runs[i].Directory, name);
            if (description is null)
            {
                left.Add($"run {runs[i].Record.RunId} has no description of this figure (it was made before runs wrote them); run it again to overlay it");
                continue;
            }
            shape ??= description;
            var tables = new Dictionary<string, Table>();
            foreach (var s in description.Series)
            {
                if (!Overlaid.Contains(s.Kind))
                {
                    if (i == 0) left.Add($"the {s.Kind} '{s.Label}', one per run, would hide the others' and is not overlaid");
                    continue;
                }
                var table = tables.TryGetValue(s.Table, out var read) ? read : tables[s.Table] = Read(root, runs[i].Directory, s.Table);
                series.Add(new OverlaidSeries(i, s.Label, s.Kind, s.Dashed, Column(table, s.Columns[0]), Column(table, s.Columns[1])));
            }
        }
        if (shape is null) return new OverlaidFigure(name, new("", false), new("", false), [], left);
        return new OverlaidFigure(name, shape.X, shape.Y, series, left);
    }

    /// <summary>A run's table, read only through <see cref="RunFiles"/>, so a description naming another path cannot leave the runs root.</summary>
    private static Table Read(string root, string runDirectory, string table)
    {
        var (path, _) = RunFiles.Resolve(root, Path.GetRelativePath(root, RunLayout.TablePath(runDirectory, table)));
        try
        {
            return Table.FromCsv(table, File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new TheoryLabException($"{path} cannot be read as a table ({e.Message}); run the experiment again to rewrite it.", e);
        }
    }

    private static IReadOnlyList<double?> Column(Table table, string column)
    {
        string refusal = $"the column '{column}' that a figure draws is not a column of numbers in table '{table.Name}'; run the experiment again to rewrite its files.";
        if (!table.Has(column)) throw new TheoryLabException(refusal);
        try
        {
            return [.. table.Numbers(column).Select(FigureQuery.Finite)];
        }
        catch (InvalidOperationException e)
        {
            throw new TheoryLabException(refusal, e);
        }
    }
}
