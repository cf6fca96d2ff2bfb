using System.Globalization;
using TheoryLab.Kernel;
using TheoryLab.Tables;

namespace TheoryLab.Sweeps;

/// <summary>
/// One table per finding of a sweep: a row per grid point with the swept options' values, how many runs completed,
/// the mean and standard error of the measured values (<see cref="SeedSummary"/>), the diverged and not-reached counts,
/// and every seed's own value in a column "seed_&lt;s&gt;" (its outcome where it has no number; empty where its run is
/// not complete).
/// </summary>
public static class SweepTables
{
    public const string Completed = "completed", Measured = "measured", Mean = "mean", StandardError = "standard_error";
    public const string Diverged = "diverged", NotReached = "not_reached";

    public static string SeedColumn(int seed) => $"seed_{seed}";

    /// <param name="findings">The findings of each completed run, by run directory.</param>
    public static IReadOnlyList<Table> Build(SweepPlan plan, IReadOnlyDictionary<string, IReadOnlyList<Finding>> findings)
    {
        var points = plan.Runs.GroupBy(r => r.Point, PointComparer.Instance).ToList();
        var names = plan.Runs.Where(r => findings.ContainsKey(r.Directory)).SelectMany(r => findings[r.Directory]).Select(f => f.Name).Distinct().ToList();
        var tables = new List<Table>();
        foreach (string name in names)
        {
            var table = new Table(name);
            foreach (var axis in plan.Study.Grid)
            {
                var values = points.Select(p => Value(p.Key, axis.Option)).ToList();
                if (IsNumeric(values)) table.Add(axis.Option, values.Select(Number));
                else table.AddText(axis.Option, values);
            }
            Finding? Of(SweepRun run) => findings.TryGetValue(run.Directory, out var list) ? list.FirstOrDefault(f => f.Name == name) : null;
            var summaries = points.Select(p => SeedSummary.Of(p.Select(Of).OfType<Finding>())).ToList();
            table.Add(Completed, points.Select(p => (double)p.Count(r => findings.ContainsKey(r.Directory))))
                .Add(Measured, summaries.Select(s => (double)s.Values.Count))
                .Add(Mean, summaries.Select(s => s.Mean))
                .Add(StandardError, summaries.Select(s => s.StandardError))
                .Add(Diverged, summaries.Select(s => (double)s.Diverged))
                .Add(NotReached, summaries.Select(s => (double)s.NotReached));
            foreach (int seed in plan.Study.Seeds)
                table.AddText(SeedColumn(seed), points.Select(p => Cell(p.FirstOrDefault(r => r.Seed == seed) is { } run ? Of(run) : null)));
            tables.Add(table);
        }
        return tables;
    }

    /// <summary>Whether every value of a swept option reads as a number, so that it can be an axis of a figure.</summary>
    public static bool IsNumeric(IEnumerable<string> values) => values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Value(IReadOnlyList<KeyValuePair<string, string>> point, string option) => point.First(p => p.Key == option).Value;

    private static string Cell(Finding? finding) => finding switch
    {
        null => "",
        { Outcome: FindingOutcome.Measured } f => f.Value.ToString("R", CultureInfo.InvariantCulture),
        { Outcome: FindingOutcome.Diverged } => "diverged",
        _ => "not-reached",
    };

    /// <summary>Grid points are equal when they set the same options to the same values.</summary>
    private sealed class PointComparer : IEqualityComparer<IReadOnlyList<KeyValuePair<string, string>>>
    {
        public static readonly PointComparer Instance = new();
        public bool Equals(IReadOnlyList<KeyValuePair<string, string>>? a, IReadOnlyList<KeyValuePair<string, string>>? b) => a!.SequenceEqual(b!);
        public int GetHashCode(IReadOnlyList<KeyValuePair<string, string>> point) => point.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value));
    }
}
