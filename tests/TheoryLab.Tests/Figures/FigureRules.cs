using System.Globalization;
using System.Text.RegularExpressions;
using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

/// <summary>
/// What can be checked of a figure at print size without a person looking: the PNG's legend (measured from the
/// picture) covers no data point at full or half width; each axis of the pgfplots picture has three or more
/// ticks inside its limits (an axis of indices: every whole number there when it holds fewer; a heatmap's: every cell centre); a bounded quantity's axis stays inside its bounds, and a quantity named as bounded (an
/// accuracy, an error rate, a probability, a fraction) declares them; no grid is drawn over a heatmap.
/// </summary>
public static partial class FigureRules
{
    public static IReadOnlyList<string> Violations(Figure figure, IReadOnlyList<Table> tables, string tikz)
    {
        var found = new List<string>();
        if (figure.LegendLabels().Any())
            foreach (var width in new[] { FigureWidth.Full, FigureWidth.Half })
                if (RenderedLegend.Measure(figure, tables, width).Covered is { Count: > 0 } covered)
                    found.Add($"{figure.Name}: the PNG's legend at {width} width covers {covered.Count} data points");
        foreach (var (name, axis) in new[] { ("x", figure.X), ("y", figure.Y) })
        {
            double? min = Number(tikz, name + "min"), max = Number(tikz, name + "max");
            var ticks = Ticks(tikz, name);
            int inside = ticks.Count(t => t >= (min ?? double.NegativeInfinity) && t <= (max ?? double.PositiveInfinity));
            if (inside < FewestTicks(figure, tables, name, min, max)) found.Add($"{figure.Name}: the {name} axis has {inside} ticks inside its limits");
            if (axis.Bounds is var (low, high) && (min < low && !(axis.Log && low <= 0) || max > high))
                found.Add($"{figure.Name}: the {name} axis of '{axis.Label}' runs from {min} to {max}, past its bounds {low} to {high}");
            if (axis.Bounds is null && BoundedQuantity().IsMatch(axis.Label))
                found.Add($"{figure.Name}: the {name} axis '{axis.Label}' names a bounded quantity but declares no bounds (Axis.Fraction)");
        }
        if (figure.Series.Any(s => s is Heatmap) && tikz.Contains("grid=major"))
            found.Add($"{figure.Name}: a grid is drawn over the heatmap");
        return found;
    }

    /// <summary>
    /// Three, or on an axis of indices as many whole numbers as its limits hold when they hold fewer (two layers), or
    /// on a heatmap's axis as many cells as it has when it has fewer (two widths).
    /// </summary>
    private static int FewestTicks(Figure figure, IReadOnlyList<Table> tables, string name, double? min, double? max)
    {
        var axis = name == "x" ? figure.X : figure.Y;
        if (figure.Series.OfType<Heatmap>().FirstOrDefault() is { } heatmap)
            return Math.Min(AxisTicks.Fewest, tables.First(t => t.Name == heatmap.Table).Numbers(name == "x" ? heatmap.X : heatmap.Y).Distinct().Count());
        return axis.WholeNumbers && min is { } low && max is { } high
            ? (int)Math.Min(AxisTicks.Fewest, Math.Floor(high + 1e-9) - Math.Ceiling(low - 1e-9) + 1)
            : AxisTicks.Fewest;
    }

    private static double? Number(string tikz, string option)
    {
        var m = Regex.Match(tikz, $@"^\s*{option}=(?<v>[^,\n]+),?\r?$", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture) : null;
    }

    private static List<double> Ticks(string tikz, string axis)
    {
        var m = Regex.Match(tikz, $@"^\s*{axis}tick=\{{(?<v>[^}}]*)\}}", RegexOptions.Multiline);
        return m.Success && m.Groups["v"].Value.Length > 0
            ? m.Groups["v"].Value.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : [];
    }

    [GeneratedRegex(@"\baccuracy\b|\berror rate\b|\b(test|training|train) error\b|\bprobability\b|\bfraction\b", RegexOptions.IgnoreCase)]
    private static partial Regex BoundedQuantity();
}
