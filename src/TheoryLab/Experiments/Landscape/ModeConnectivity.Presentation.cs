using TheoryLab.Analysis.Landscape;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// How <see cref="ModeConnectivity"/> shows its <see cref="Measurement"/>: the losses along the paths, the barriers of
/// every pair and by width with their power laws, the findings and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class ModeConnectivity
{
    /// <summary>The columns of the path, barrier and barrier-by-width tables.</summary>
    private static class Columns
    {
        public static readonly Column T = new("t");
        public static readonly Column Dataset = new("dataset");
        public static readonly Column HiddenLayers = new("hidden_layers");
        public static readonly Column Width = new("width");
        public static readonly Column Pair = new("pair");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column EndLoss = new("end_loss");
        public static readonly Column LineBarrier = new("line_barrier");
        public static readonly Column LineBarrierSpread = new("line_barrier_sd");
        public static readonly Column CurveBarrier = new("curve_barrier");
        public static readonly Column CurveBarrierSpread = new("curve_barrier_sd");
        public static readonly Column LineAccuracyDip = new("line_accuracy_dip");
        public static readonly Column CurveFit = new("curve_fit");

        public static Column LineLoss(int width) => new($"line_w{width}");
        public static Column CurveLoss(int width) => new($"curve_w{width}");
    }

    /// <summary>
    /// One table per dataset and depth, in the order measured: the loss along the line and the curve for each width,
    /// with the widths it holds.
    /// </summary>
    private static List<(Table Table, List<int> Widths)> PathTables(Measurement measured) =>
    [
        .. measured.Paths.GroupBy(p => (p.Dataset, p.Layers)).Select(g =>
        {
            var table = new Table($"paths-{g.Key.Dataset}-{g.Key.Layers}").Add(Columns.T, measured.Ts);
            foreach (var path in g) table.Add(Columns.LineLoss(path.Width), path.Line).Add(Columns.CurveLoss(path.Width), path.Curve);
            return (table, g.Select(p => p.Width).ToList());
        }),
    ];

    private static ExperimentResult Present(ModeConnectivityOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var paths = PathTables(measured);
        foreach (var (table, _) in paths) result.Add(table);
        var rows = measured.Rows;
        result.Add(new Table("barriers")
            .AddText(Columns.Dataset, rows.Select(r => r.Dataset))
            .Add(Columns.HiddenLayers, rows.Select(r => (double)r.Layers))
            .Add(Columns.Width, rows.Select(r => (double)r.Width))
            .Add(Columns.Pair, rows.Select(r => (double)r.Pair))
            .Add(Columns.Parameters, rows.Select(r => (double)r.Parameters))
            .Add(Columns.EndLoss, rows.Select(r => r.EndLoss))
            .Add(Columns.LineBarrier, rows.Select(r => r.LineBarrier))
            .Add(Columns.CurveBarrier, rows.Select(r => r.CurveBarrier))
            .Add(Columns.LineAccuracyDip, rows.Select(r => r.LineAccuracyDip)));

        var curveSeries = new List<Series>();
        var lineSeries = new List<Series>();
        foreach (var group in rows.GroupBy(r => (r.Dataset, r.Layers)))
        {
            var (dataset, layers) = group.Key;
            string key = $"{Snake(dataset)}_{layers}l";
            var byWidth = group.GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
            var widths = byWidth.Select(g => (double)g.Key).ToArray();
            var line = byWidth.Select(g => g.Average(r => r.LineBarrier)).ToArray();
            var curve = byWidth.Select(g => g.Average(r => r.CurveBarrier)).ToArray();
            // Narrow networks underfit and barely leave their plateau, so barriers first rise with width; the trend that
            // Venturi et al.'s theorem speaks to is the one beyond the widest barrier, fitted from there on.
            int peak = Array.IndexOf(curve, curve.Max());
            var curveFit = PowerLaw(widths[peak..], curve[peak..]);
            var lineFit = PowerLaw(widths[peak..], line[peak..]);
            var table = new Table($"barrier-vs-width-{dataset}-{layers}")
                .Add(Columns.Width, widths)
                .Add(Columns.LineBarrier, line)
                .Add(Columns.LineBarrierSpread, byWidth.Select(g => Spread.Of([.. g.Select(r => r.LineBarrier)]).StandardDeviation))
                .Add(Columns.CurveBarrier, curve)
                .Add(Columns.CurveBarrierSpread, byWidth.Select(g => Spread.Of([.. g.Select(r => r.CurveBarrier)]).StandardDeviation))
                .Add(Columns.EndLoss, byWidth.Select(g => g.Average(r => r.EndLoss)))
                .Add(Columns.CurveFit, widths.Select((w, i) => curveFit is { } f && i >= peak ? f.Scale * Math.Pow(w, f.Exponent) : double.NaN));
            result.Add(table);
            string depth = layers == 1 ? "one hidden layer" : $"{layers} hidden layers";
            string pairs = o.Pairs == 1 ? "one pair" : $"mean over {o.Pairs} pairs";
            result.Add(new Finding($"curve_barrier_narrowest_{key}", curve[0], "nats",
                $"Training-loss barrier along the trained {Describe(o.Curve)} between two independently trained networks, {dataset}, {depth}, width {widths[0]} ({pairs})."));
            result.Add(new Finding($"curve_barrier_widest_{key}", curve[^1], "nats",
                $"The same at width {widths[^1]}: one-hidden-layer networks wide enough for their data have no spurious valleys, so some path between any two minima keeps the loss down and the curve, an upper bound on the best path's barrier, can approach 0.",
                0, "venturi2019spurious"));
            result.Add(new Finding($"line_barrier_narrowest_{key}", line[0], "nats",
                $"Barrier on the straight line between the same two networks, {dataset}, {depth}, width {widths[0]}."));
            result.Add(new Finding($"line_barrier_widest_{key}", line[^1], "nats",
                $"The same at width {widths[^1]}: independently trained networks are hidden units in different orders, and the straight line between them mixes unrelated units, so its barrier need not vanish."));
            result.Add(new Finding($"peak_width_{key}", widths[peak], "1",
                $"Width with the highest curve barrier, {dataset}, {depth}: narrower networks underfit (end loss {byWidth[0].Average(r => r.EndLoss):G3} nats at width {widths[0]})."));
            if (curveFit is { } power)
            {
                result.Add(new Finding($"curve_barrier_exponent_{key}", power.Exponent, "1",
                    $"Fitted exponent p of curve barrier ∝ widthᵖ from width {widths[peak]} on, {dataset}, {depth} (negative: barriers shrink with width)."));
            }
            if (lineFit is { } linePower)
            {
                result.Add(new Finding($"line_barrier_exponent_{key}", linePower.Exponent, "1",
                    $"Fitted exponent of the line barrier against width over the same widths, {dataset}, {depth}."));
            }
            string label = $"{dataset}, {layers} hidden";
            lineSeries.Add(new Markers(table.Name, Columns.Width, Columns.LineBarrier, label, Columns.LineBarrierSpread));
            curveSeries.Add(new Markers(table.Name, Columns.Width, Columns.CurveBarrier, label, Columns.CurveBarrierSpread));
            if (curveFit is not null) curveSeries.Add(new Line(table.Name, Columns.Width, Columns.CurveFit, $"{label}: ∝ w^{curveFit.Value.Exponent:F2}", Dashed: true));
        }
        result.Add(new Finding("curve_at_most_line_fraction", rows.Count(r => r.CurveBarrier <= r.LineBarrier + 1e-3) / (double)rows.Count, "1",
            "Fraction of pairs whose trained curve has a barrier no higher than the straight line's (within 10⁻³ nats); the curve starts as the line and training lowers its loss.",
            1, "garipov2018loss"));

        result.Add(new Figure("curve-barrier-vs-width",
            $"Training-loss barrier along a trained {Describe(o.Curve)} between independently trained ReLU networks against hidden width ({(o.Pairs == 1 ? "one pair" : $"mean ± sd over {o.Pairs} pairs")}), with the power law fitted from the widest barrier on (dashed).",
            new Axis("hidden width", Log: true), new Axis("curve barrier (nats)", Log: true), curveSeries)
        { Legend = LegendPlace.LowerLeft });
        result.Add(new Figure("line-barrier-vs-width",
            $"Training-loss barrier on the straight line between the same pairs of networks against hidden width.",
            new Axis("hidden width", Log: true), new Axis("line barrier (nats)", Log: true), lineSeries)
        { Legend = LegendPlace.LowerRight });
        foreach (var (table, widths) in paths)
        {
            string setting = table.Name["paths-".Length..];
            var series = new List<Series>();
            foreach (int width in widths)
            {
                series.Add(new Line(table.Name, Columns.T, Columns.LineLoss(width), $"line, width {width}", Dashed: true));
                series.Add(new Line(table.Name, Columns.T, Columns.CurveLoss(width), $"curve, width {width}"));
            }
            result.Add(new Figure($"paths-{setting}",
                $"Training loss along the straight line (dashed) and the trained {Describe(o.Curve)} (solid) between two independently trained networks ({setting.Replace("-", ", ", StringComparison.Ordinal)} hidden layer(s)), for each width.",
                new Axis("t"), new Axis("training loss (nats)", Log: true), series)
            { Legend = LegendPlace.UpperRight });
        }
        return result;
    }

    private static string Describe(CurveKind kind) => kind == CurveKind.Bezier ? "Bézier curve" : "polygonal chain";


    /// <summary>barrier ≈ c·wᵖ fitted in log–log over the widths whose barrier is positive; null with fewer than two.</summary>
    private static (double Scale, double Exponent)? PowerLaw(double[] widths, double[] barriers)
    {
        var positive = Enumerable.Range(0, widths.Length).Where(i => barriers[i] > 1e-6).ToArray();
        if (positive.Length < 2) return null;
        var x = positive.Select(i => widths[i]).ToArray();
        var y = positive.Select(i => barriers[i]).ToArray();
        double exponent = LogLogFit.Slope(x, y);
        double scale = Math.Exp(y.Zip(x, (b, w) => Math.Log(b) - exponent * Math.Log(w)).Average());
        return (scale, exponent);
    }
}
