using TheoryLab.Tables;

namespace TheoryLab.Figures;

/// <summary>One axis as drawn: its limits in its own units, and its ticks.</summary>
public sealed record AxisLayout(double Min, double Max, bool Log, IReadOnlyList<Tick> Ticks)
{
    /// <summary>True when the ticks name a heatmap's cells, not a scale: then no minor tick suggests values between them.</summary>
    public bool TicksAtCells { get; init; }

    /// <summary>Unlabelled ticks between the major ones, on log axes only.</summary>
    public IReadOnlyList<double> MinorTicks => Log && !TicksAtCells ? AxisTicks.Minor(Min, Max, Ticks) : [];

    /// <summary>Where <paramref name="value"/> sits along the axis, 0 at <see cref="Min"/> and 1 at <see cref="Max"/> (log axes in log space).</summary>
    public double Fraction(double value) => Log
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);
}

/// <summary>
/// How a figure is laid out, decided once from its data so that the PNG and the pgfplots picture agree: the axes'
/// limits (the figure's own where it sets them, else the data's with a margin, never past the bounds of a bounded
/// quantity such as an error rate), their ticks, and where the legend goes: the figure's preferred corner when no
/// data lies under the legend there, else another free corner, else above the axes. A heatmap fills its axes, so
/// its legend always goes above.
/// </summary>
public sealed class FigureLayout
{
    /// <summary>
    /// The axes' size in points at half width, where a legend covers the most of them: the PNG's tick and axis
    /// labels leave 144 of its 194 points across and its height less 48 points.
    /// </summary>
    private const double AxesWidthPoints = 144, LabelsHeightPoints = 48;

    /// <summary>
    /// A legend in points: an entry's sample line, a character, a row, the box's padding and its gap to the axes'
    /// corner. Measured on the PNG (8 pt text); pgfplots' 7 pt legends are smaller.
    /// </summary>
    private const double SamplePoints = 20, CharacterPoints = 4.2, RowPoints = 12, PaddingPoints = 8, GapPoints = 4;

    /// <summary>
    /// Room between the outermost data and the axes' frame, in points at half width: a marker's radius and a little
    /// air. Margins of 2 % and 5 % of the axes set the outermost markers on the frame (yarotsky-square's error
    /// against weights).
    /// </summary>
    private const double MarkerClearancePoints = 5;

    private FigureLayout(AxisLayout x, AxisLayout y, LegendPlacement? legend)
    {
        X = x;
        Y = y;
        Legend = legend;
    }

    public AxisLayout X { get; }
    public AxisLayout Y { get; }

    /// <summary>Where the legend goes, or null when the figure has none.</summary>
    public LegendPlacement? Legend { get; }

    public static FigureLayout Of(Figure figure, IReadOnlyList<Table> tables)
    {
        var points = DataPoints(figure, tables).ToList();
        bool heatmap = figure.Series.Any(s => s is Heatmap);
        var x = Axis(figure.X, points.Select(p => p.X), margin: heatmap ? 0 : MarkerClearancePoints / AxesWidthPoints, heatmap ? HeatmapSpanAlong(figure, tables, horizontal: true) : null);
        var y = Axis(figure.Y, points.Select(p => p.Y), margin: heatmap ? 0 : MarkerClearancePoints / HalfWidthAxesHeight(figure), heatmap ? HeatmapSpanAlong(figure, tables, horizontal: false) : null);
        return new FigureLayout(x, y, Place(figure, points, x, y, heatmap));
    }

    /// <summary>The part of the axes a legend in a corner takes at half width, its gap to the corner included, as fractions of the axes.</summary>
    public static (double Width, double Height) LegendSize(Figure figure)
    {
        var labels = figure.LegendLabels().ToList();
        double width = GapPoints + SamplePoints + CharacterPoints * labels.Max(l => l.Length) + PaddingPoints;
        double height = GapPoints + RowPoints * labels.Count + PaddingPoints;
        return (width / AxesWidthPoints, height / HalfWidthAxesHeight(figure));
    }

    /// <summary>The axes' height in points at half width: the picture's height less its tick and axis labels.</summary>
    private static double HalfWidthAxesHeight(Figure figure) =>
        Math.Min(figure.Aspect * HouseStyle.HalfWidthInches * 72, HouseStyle.MaxHeightInches * 72) - LabelsHeightPoints;

    /// <summary>The box a legend at <paramref name="corner"/> takes, as fractions of the axes: left, bottom, right, top.</summary>
    public static (double Left, double Bottom, double Right, double Top) CornerBox(LegendPlace corner, (double Width, double Height) size)
    {
        bool left = corner is LegendPlace.UpperLeft or LegendPlace.LowerLeft, upper = corner is LegendPlace.UpperLeft or LegendPlace.UpperRight;
        double x0 = left ? 0 : 1 - size.Width, y0 = upper ? 1 - size.Height : 0;
        return (x0, y0, x0 + size.Width, y0 + size.Height);
    }

    /// <summary>Every point the figure draws, in the axes' own units: curve vertices and points along their segments, markers with their error bars, bars (both edges) and bands filled in.</summary>
    public static IEnumerable<(double X, double Y)> DataPoints(Figure figure, IReadOnlyList<Table> tables)
    {
        foreach (var series in figure.Series)
        {
            var t = tables.First(table => table.Name == series.Table);
            switch (series)
            {
                case Line l:
                    var line = Pairs(t.Numbers(l.X), t.Numbers(l.Y), figure).ToList();
                    for (int i = 0; i < line.Count; i++)
                    {
                        yield return line[i];
                        if (i + 1 < line.Count) foreach (var p in Between(line[i], line[i + 1], figure)) yield return p;
                    }
                    break;
                case Markers m:
                    var errors = m.YError is null ? null : t.Numbers(m.YError);
                    for (int i = 0; i < t.RowCount; i++)
                    {
                        double e = errors is null || !double.IsFinite(errors[i]) ? 0 : errors[i];
                        foreach (double y in new[] { t.Numbers(m.Y)[i], t.Numbers(m.Y)[i] - e, t.Numbers(m.Y)[i] + e })
                            if (Plottable(figure.X, t.Numbers(m.X)[i]) && Plottable(figure.Y, y)) yield return (t.Numbers(m.X)[i], y);
                    }
                    break;
                case Bars b:
                    double half = Bars.Width(t.Numbers(b.X)) / 2;
                    var baseline = t.Numbers(b.X).Select(_ => figure.Y.Log ? double.NaN : 0).ToList();
                    foreach (double side in new[] { -half, half })
                        foreach (var p in Filled(t.Numbers(b.X).Select(x => x + side).ToList(), baseline, t.Numbers(b.Height), figure)) yield return p;
                    break;
                case Band b:
                    foreach (var p in Filled(t.Numbers(b.X), t.Numbers(b.Low), t.Numbers(b.High), figure)) yield return p;
                    break;
            }
        }
    }

    private static IEnumerable<(double X, double Y)> Pairs(IReadOnlyList<double> xs, IReadOnlyList<double> ys, Figure figure) =>
        xs.Zip(ys).Where(p => Plottable(figure.X, p.First) && Plottable(figure.Y, p.Second)).Select(p => (p.First, p.Second));

    /// <summary>Points along a segment, so a curve crossing a corner between two vertices still counts there.</summary>
    private static IEnumerable<(double X, double Y)> Between((double X, double Y) a, (double X, double Y) b, Figure figure)
    {
        const int steps = 8;
        for (int k = 1; k < steps; k++)
        {
            double f = k / (double)steps;
            yield return (Interpolate(a.X, b.X, f, figure.X.Log), Interpolate(a.Y, b.Y, f, figure.Y.Log));
        }
    }

    private static double Interpolate(double a, double b, double f, bool log) => log ? a * Math.Pow(b / a, f) : a + (b - a) * f;

    /// <summary>Points filling the range from low to high at each x; a missing low (a bar on a log axis) is the range's high alone.</summary>
    private static IEnumerable<(double X, double Y)> Filled(IReadOnlyList<double> xs, IReadOnlyList<double> lows, IReadOnlyList<double> highs, Figure figure)
    {
        for (int i = 0; i < xs.Count; i++)
        {
            if (!Plottable(figure.X, xs[i]) || !Plottable(figure.Y, highs[i])) continue;
            double low = Plottable(figure.Y, lows[i]) ? lows[i] : highs[i];
            foreach (double f in new[] { 0, 0.25, 0.5, 0.75, 1.0 }) yield return (xs[i], Interpolate(low, highs[i], f, figure.Y.Log));
        }
    }

    /// <summary>
    /// The data's range with a margin; a range too narrow to scale (one point, or 451 to 455 on a log axis) is
    /// widened instead, by a quarter either side on log axes and a unit window on linear ones. A heatmap's axis spans
    /// its cells exactly, and a heatmap of a few cells along the axis is ticked at their centres: its values are
    /// categories (N_f = 500, 1000, 2000), and round ticks between them would name values no cell has.
    /// </summary>
    private static AxisLayout Axis(Axis axis, IEnumerable<double> values, double margin, HeatmapSpan? cells)
    {
        var finite = values.Where(v => Plottable(axis, v)).ToList();
        var (low, high) = cells is { } c ? (c.Min, c.Max) : (finite.Count == 0 ? (axis.Log ? (1, 10) : (0, 1)) : (finite.Min(), finite.Max()));
        double min, max;
        if (axis.Log)
        {
            double pad = Math.Pow(high / low, margin);
            (min, max) = high / low < 1.5 ? (low / 1.25, high * 1.25) : (low / pad, high * pad);
        }
        else
        {
            double pad = (high - low) * margin;
            (min, max) = high - low <= 1e-9 * Math.Max(1, Math.Abs(high))
                ? (low - Math.Max(1, Math.Abs(low)) / 2, high + Math.Max(1, Math.Abs(high)) / 2)
                : (low - pad, high + pad);
        }
        min = axis.Min ?? min;
        max = axis.Max ?? max;
        if (axis.Bounds is var (lowest, highest))
        {
            if (!axis.Log || lowest > 0) min = Math.Max(min, lowest);
            max = Math.Min(max, highest);
        }
        return cells is { Centres.Count: <= AxisTicks.Most } few
            ? new AxisLayout(min, max, axis.Log, AxisTicks.At(few.Centres.Where(v => v >= min && v <= max).ToList())) { TicksAtCells = true }
            : new AxisLayout(min, max, axis.Log, AxisTicks.For(min, max, axis.Log, axis.WholeNumbers));
    }

    /// <summary>A heatmap's cells along one axis: the edges of the first and last, and every centre, in the axis' own units.</summary>
    private sealed record HeatmapSpan(double Min, double Max, IReadOnlyList<double> Centres);

    private static HeatmapSpan HeatmapSpanAlong(Figure figure, IReadOnlyList<Table> tables, bool horizontal)
    {
        var h = figure.Series.OfType<Heatmap>().First();
        var grid = HeatmapGrid.From(tables.First(t => t.Name == h.Table), h, figure.Name);
        var axis = horizontal ? figure.X : figure.Y;
        var (a, b) = horizontal ? grid.XExtent(axis.Log) : grid.YExtent(axis.Log);
        var centres = horizontal ? grid.Xs : grid.Ys;
        return axis.Log ? new(Math.Pow(10, a), Math.Pow(10, b), centres) : new(a, b, centres);
    }

    private static LegendPlacement? Place(Figure figure, List<(double X, double Y)> points, AxisLayout x, AxisLayout y, bool heatmap)
    {
        if (figure.Legend is not { } preferred || !figure.LegendLabels().Any()) return null;
        var size = LegendSize(figure);
        if (heatmap || size.Width > 0.9 || size.Height > 0.9) return LegendPlacement.Above;
        var fractions = points.Select(p => (X: x.Fraction(p.X), Y: y.Fraction(p.Y))).ToList();
        foreach (var corner in new[] { preferred }.Concat(Enum.GetValues<LegendPlace>().Where(c => c != preferred)))
        {
            var box = CornerBox(corner, size);
            if (!fractions.Any(p => p.X >= box.Left && p.X <= box.Right && p.Y >= box.Bottom && p.Y <= box.Top))
                return LegendPlacement.Inside(corner);
        }
        return LegendPlacement.Above;
    }

    private static bool Plottable(Axis axis, double v) => double.IsFinite(v) && (!axis.Log || v > 0);
}

/// <summary>Where a legend goes: in a corner of the axes, or above them.</summary>
public sealed record LegendPlacement(LegendPlace? Corner)
{
    public static LegendPlacement Above { get; } = new((LegendPlace?)null);

    public static LegendPlacement Inside(LegendPlace corner) => new(corner);
}
