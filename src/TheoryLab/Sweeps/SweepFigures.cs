using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;

namespace TheoryLab.Sweeps;

/// <summary>
/// A figure of each measured finding against each numeric swept option: the mean over seeds with error bars of one
/// standard error, one series per combination of the other swept options, on a log axis where the option was swept
/// over a log range. A point from a single measured seed has no bar; a point with none is left out.
/// </summary>
public static class SweepFigures
{
    /// <param name="tables">The finding tables of <see cref="SweepTables.Build"/>.</param>
    /// <param name="findings">A finding of each name, for its unit and meaning.</param>
    public static IReadOnlyList<(Figure Figure, IReadOnlyList<Table> Tables)> Build(SweepPlan plan, IReadOnlyList<Table> tables, IReadOnlyDictionary<string, Finding> findings)
    {
        var result = new List<(Figure, IReadOnlyList<Table>)>();
        foreach (var table in tables.Where(t => t.Numbers(SweepTables.Measured).Any(n => n > 0)))
        {
            var finding = findings[table.Name];
            foreach (var axis in plan.Study.Grid.Where(a => SweepTables.IsNumeric(a.Values)))
            {
                var series = SeriesTables(table, axis.Option, plan.Study.Grid.Where(a => a != axis).Select(a => a.Option).ToList());
                var figure = new Figure(
                    $"{Kebab(finding.Name)}-vs-{Kebab(axis.Option)}",
                    $"{finding.Meaning} Shown: the mean of {finding.Name}{UnitText(finding)} over seeds against {axis.Option}, with error bars of one standard error.",
                    new Axis(axis.Option, Log: axis.Log),
                    new Axis(YLabel(finding)),
                    series.Select(s => (Series)new Markers(s.Table.Name, axis.Option, SweepTables.Mean, s.Label, SweepTables.StandardError)).ToList())
                {
                    Legend = series.Count > 1 ? LegendPlace.UpperRight : null,
                };
                result.Add((figure, series.Select(s => s.Table).ToList()));
            }
        }
        return result;
    }

    /// <summary>The rows of <paramref name="table"/> split by the values of the <paramref name="others"/> swept options, each with its label.</summary>
    private static List<(Table Table, string Label)> SeriesTables(Table table, string option, IReadOnlyList<string> others)
    {
        var xs = table.Numbers(option);
        var means = table.Numbers(SweepTables.Mean);
        var errors = table.Numbers(SweepTables.StandardError);
        string Label(int row) => string.Join(", ", others.Select(o => $"{o} = {table.Texts(o)[row]}"));
        var groups = Enumerable.Range(0, table.RowCount).GroupBy(Label).ToList();
        return groups.Select((rows, k) => (
            new Table($"{table.Name}-{Kebab(option)}-{k}")
                .Add(option, rows.Select(r => xs[r]))
                .Add(SweepTables.Mean, rows.Select(r => means[r]))
                .Add(SweepTables.StandardError, rows.Select(r => errors[r])),
            rows.Key)).ToList();
    }

    /// <summary>The longest axis label that fits beside a figure's height; a longer name is left to the caption.</summary>
    private const int MaxLabelLength = 30;

    /// <summary>
    /// "loss (nats)": the finding and its unit; where that does not fit, the name alone, and where even the name does not,
    /// its first words and "…" (the caption names the finding and its unit in full).
    /// </summary>
    private static string YLabel(Finding finding)
    {
        string name = finding.Name.Replace('_', ' ');
        if (name.Length + UnitText(finding).Length <= MaxLabelLength) return name + UnitText(finding);
        if (name.Length <= MaxLabelLength) return name;
        var words = name.Split(' ');
        string label = words[0];
        foreach (string word in words.Skip(1))
        {
            if (label.Length + 1 + word.Length + 1 > MaxLabelLength) break;
            label += " " + word;
        }
        return label + "…";
    }

    /// <summary>" (nats)", or nothing for a pure number.</summary>
    private static string UnitText(Finding finding) => finding.Unit is "1" or "" ? "" : $" ({finding.Unit})";

    private static string Kebab(string name) => name.Replace('_', '-');
}
