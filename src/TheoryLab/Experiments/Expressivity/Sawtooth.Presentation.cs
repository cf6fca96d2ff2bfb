using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// How <see cref="Sawtooth"/> shows its <see cref="Measurement"/>: the pieces by depth, the shallow comparison's errors,
/// bound and curves, the findings and the figures, naming columns through <see cref="Columns"/>; the trained families
/// are shown by <see cref="SawtoothFamilies"/>.
/// </summary>
public sealed partial class Sawtooth
{
    /// <summary>The columns of the tables "pieces-vs-depth", "shallow", "bound", "deep" and "curves".</summary>
    private static class Columns
    {
        public static readonly Column Depth = new("depth");
        public static readonly Column Measured = new("measured");
        public static readonly Column Theory = new("theory");
        public static readonly Column Bound = new("bound");
        public static readonly Column Width = new("width");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column BestFound = new("best_found");
        public static readonly Column LowerBound = new("lower_bound");
        public static readonly Column FoundPieces = new("found_pieces");
        public static readonly Column Trained = new("trained");
        public static readonly Column Error = new("error");
        public static readonly Column X = new("x");
        public static readonly Column DeltaK = new("delta_k");

        /// <summary>Mean pieces of the random networks of this width.</summary>
        public static Column RandomMean(int width) => new($"random_mean_w{width}");

        /// <summary>Most pieces of any random network of this width.</summary>
        public static Column RandomMax(int width) => new($"random_max_w{width}");

        /// <summary>The best network the free-knot search found at this width.</summary>
        public static Column FitCurve(int width) => new($"fit_w{width}");

        /// <summary>The best trained network of this width.</summary>
        public static Column TrainedCurve(int width) => new($"trained_w{width}");
    }

    /// <summary>
    /// The tables of the shallow comparison that its figures draw: errors by width, the lower bound at every width, the
    /// deep network's error, and the functions of the width shown.
    /// </summary>
    private sealed record ShallowTables(Table Errors, Table Bound, Table Deep, Table Curves, int Shown);

    private static ExperimentResult Present(SawtoothOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd;
        var deep = measured.Deep;

        var pieces = PiecesVersusDepth(o, measured.Pieces);
        result.Add(pieces);
        long counted = (long)measured.Pieces.Measured[^1];
        result.Add(new Finding("linear_pieces", counted, "pieces",
            $"Linear pieces of the deep network (Δ composed {k} times) on [{a}, {b}], by exact breakpoint enumeration.",
            TentMap.PieceCount(k, a, b), "theory: Δᵏ has 2ᵏ linear pieces on [0, 1] (telgarsky2016benefits)"));
        result.Add(new Finding("pieces_bound", deep.PieceBound, "pieces",
            $"Telgarsky's bound (2m)ˡ for l = {k} layers of m = 2 units."));
        result.Add(new Finding("deep_parameters", deep.ParameterCount, "parameters",
            $"Weights and biases of the deep network for Δᵏ, k = {k} ({k} hidden layers of 2 ReLU units).",
            TentMap.ParameterCount(k), "theory: 4 + 6(k − 1) + 3 = 6k + 1"));
        result.Add(new Finding("deep_torch_max_deviation", measured.TorchDeviation, "1",
            $"Largest |module(x) − Δᵏ(x)| of the float64 TorchSharp module at {TorchCheckPoints} evenly spaced points, against the iterated map.",
            0, "theory: the network computes Δᵏ exactly"));
        foreach (int width in o.RandomWidths.Distinct())
            result.Add(new Finding($"random_pieces_mean_width_{width}", measured.Pieces.Random[width].Mean[^1], "pieces",
                $"Mean linear pieces on [{a}, {b}] of {o.RandomNets} random networks of {k} layers of {width} units (hanin2019complexity: far below the maximum)."));

        var comparison = measured.Shallow is { } shallow ? PresentShallow(o, shallow, deep, result) : null;
        AddFigures(o, result, pieces, comparison);
        if (measured.Families is { } families) SawtoothFamilies.Present(o, families, result);
        return result;
    }

    /// <summary>Counts of Δʲ's pieces for j = 1..k, with theory, the (2m)ˡ bound and random networks of the same depth.</summary>
    private static Table PiecesVersusDepth(SawtoothOptions o, PieceCounts pieces)
    {
        double a = o.IntervalStart, b = o.IntervalEnd;
        var depths = Enumerable.Range(1, o.Depth).ToArray();
        var table = new Table("pieces-vs-depth")
            .Add(Columns.Depth, depths.Select(j => (double)j))
            .Add(Columns.Measured, pieces.Measured)
            .Add(Columns.Theory, depths.Select(j => (double)TentMap.PieceCount(j, a, b)))
            .Add(Columns.Bound, depths.Select(j => TentMap.Network(j).PieceBound));
        foreach (int w in o.RandomWidths.Distinct())
            table.Add(Columns.RandomMean(w), pieces.Random[w].Mean).Add(Columns.RandomMax(w), pieces.Random[w].Max);
        return table;
    }

    private static ShallowTables PresentShallow(SawtoothOptions o, ShallowComparison comparison, ReluNetwork deep, ExperimentResult result)
    {
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd;
        var (target, fits, searched, widths, trained, deepError) = comparison;
        int exactWidth = target.PieceCount;
        ShallowFit FitFor(int m) => fits[Math.Min(m, searched) - 1];

        var table = new Table("shallow")
            .Add(Columns.Width, widths.Select(m => (double)m))
            .Add(Columns.Parameters, widths.Select(m => (double)ShallowRelu.ParameterCount(m)))
            .Add(Columns.BestFound, widths.Select(m => FitFor(m).MeanAbsoluteError))
            .Add(Columns.LowerBound, widths.Select(m => TentMap.MeanAbsoluteErrorLowerBound(k, m + 1, a, b)))
            .Add(Columns.FoundPieces, widths.Select(m => (double)FitFor(m).Function.PieceCount));
        if (trained is not null) table.Add(Columns.Trained, widths.Select(m => trained[m].Error));
        result.Add(table);

        int boundWidths = Math.Max(widths.Max(), (int)Math.Min(exactWidth, int.MaxValue));
        var boundRange = Enumerable.Range(1, boundWidths).ToArray();
        var bound = new Table("bound")
            .Add(Columns.Width, boundRange.Select(m => (double)m))
            .Add(Columns.Parameters, boundRange.Select(m => (double)ShallowRelu.ParameterCount(m)))
            .Add(Columns.LowerBound, boundRange.Select(m => TentMap.MeanAbsoluteErrorLowerBound(k, m + 1, a, b)));
        result.Add(bound);
        var deepPoint = new Table("deep")
            .Add(Columns.Width, [2.0])
            .Add(Columns.Parameters, [(double)deep.ParameterCount])
            .Add(Columns.Error, [deepError]);
        result.Add(deepPoint);
        int shown = widths.MinBy(m => Math.Abs(m - exactWidth / 2.0));
        var curves = Curves(target, shown, FitFor(shown), trained?[shown].Function);
        result.Add(curves);

        AddShallowFindings(o, result, fits, trained, widths, deep, exactWidth);
        return new ShallowTables(table, bound, deepPoint, curves, shown);
    }

    /// <summary>
    /// Δᵏ, the best-found network and the trained one at the listed width nearest 2ᵏ⁻¹, tabulated at the union of
    /// their breakpoints: a line drawn through these points is each function exactly.
    /// </summary>
    private static Table Curves(PiecewiseLinearFunction target, int width, ShallowFit fit, PiecewiseLinearFunction? trained)
    {
        var functions = new List<(Column Column, PiecewiseLinearFunction Function)> { (Columns.DeltaK, target), (Columns.FitCurve(width), fit.Function) };
        if (trained is not null) functions.Add((Columns.TrainedCurve(width), trained));
        var xs = functions.SelectMany(f => f.Function.Breakpoints).Distinct().Order().ToArray();
        var table = new Table("curves").Add(Columns.X, xs);
        foreach (var (column, function) in functions) table.Add(column, xs.Select(function.Evaluate));
        return table;
    }

    private static void AddShallowFindings(SawtoothOptions o, ExperimentResult result, IReadOnlyList<ShallowFit> fits,
        Dictionary<int, (double Error, PiecewiseLinearFunction Function)>? trained, int[] widths, ReluNetwork deep, int exactWidth)
    {
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd, target = o.ErrorTarget;
        var exact = fits.FirstOrDefault(f => f.MeanAbsoluteError <= 1e-12);
        string exactMeaning = $"Smallest width whose best one-hidden-layer network equals Δᵏ on [{a}, {b}] (searched 1–{fits.Count}; theory needs {exactWidth}).";
        result.Add(exact is null
            ? Finding.NotReached("shallow_exact_width", "units", exactMeaning)
            : new Finding("shallow_exact_width", exact.Width, "units", exactMeaning,
                exactWidth, "theory: every interior knot of Δᵏ needs a unit, and no end piece of Δᵏ is flat, so one more carries the slope"));

        var reaching = fits.FirstOrDefault(f => f.MeanAbsoluteError <= target);
        string widthMeaning = $"Smallest width (searched 1–{fits.Count}) whose best-found network has mean absolute error ≤ {target}.";
        string parametersMeaning = $"Parameters (3m + 1) of that network, against {deep.ParameterCount} for the exact deep network.";
        result.Add(reaching is null
            ? Finding.NotReached("shallow_width_at_error", "units", widthMeaning)
            : new Finding("shallow_width_at_error", reaching.Width, "units", widthMeaning));
        result.Add(reaching is null
            ? Finding.NotReached("shallow_parameters_at_error", "parameters", parametersMeaning)
            : new Finding("shallow_parameters_at_error", ShallowRelu.ParameterCount(reaching.Width), "parameters", parametersMeaning));
        int boundWidth = Enumerable.Range(1, int.MaxValue - 1).First(m => TentMap.MeanAbsoluteErrorLowerBound(k, m + 1, a, b) <= target);
        result.Add(new Finding("shallow_width_bound_at_error", boundWidth, "units",
            $"Smallest width the tooth-counting lower bound allows to reach mean absolute error {target}: no narrower one-hidden-layer network can."));

        int equalWidth = (int)((deep.ParameterCount - 1) / 3);
        result.Add(new Finding("shallow_error_at_deep_parameters", fits[Math.Min(equalWidth, fits.Count) - 1].MeanAbsoluteError, "1",
            $"Best-found mean absolute error of a one-hidden-layer network with the deep network's budget of {deep.ParameterCount} parameters (width {equalWidth}); the deep network's error is 0."));
        result.Add(new Finding("shallow_error_bound_at_deep_parameters", TentMap.MeanAbsoluteErrorLowerBound(k, equalWidth + 1, a, b), "1",
            $"Lower bound on the mean absolute error of any one-hidden-layer network of width {equalWidth}."));
        if (trained is not null)
        {
            int widest = widths[^1];
            result.Add(new Finding("trained_error_at_widest", trained[widest].Error, "1",
                $"Exact mean absolute error of the best trained network of width {widest} ({o.TrainRestarts} initialisations, {o.TrainSteps} {o.Optimizer} steps on the {o.TrainLoss} loss); the best found at that width is {fits[Math.Min(widest, fits.Count) - 1].MeanAbsoluteError:G3}."));
        }
    }

    private static void AddFigures(SawtoothOptions o, ExperimentResult result, Table pieces, ShallowTables? comparison)
    {
        int k = o.Depth;
        var pieceSeries = new List<Series>
        {
            new Line(pieces.Name, Columns.Depth, Columns.Theory, "2ᵏ (theory)"),
            new Markers(pieces.Name, Columns.Depth, Columns.Measured, "Δᵏ network, enumerated"),
            new Line(pieces.Name, Columns.Depth, Columns.Bound, "(2m)ˡ bound, m = 2", Dashed: true),
        };
        pieceSeries.AddRange(o.RandomWidths.Distinct().Select(w => (Series)new Markers(pieces.Name, Columns.Depth, Columns.RandomMean(w), $"random nets, width {w} (mean)")));
        result.Add(new Figure("pieces-vs-depth",
            "Linear pieces of Δᵏ (k hidden layers of 2 ReLU units) against depth, counted by exact breakpoint enumeration, with 2ᵏ, Telgarsky's (2m)ˡ bound and random networks of the same depth.",
            Axis.Index("depth k (hidden layers)"), new Axis("linear pieces", Log: true), pieceSeries)
        { Legend = LegendPlace.UpperLeft });

        if (comparison is null) return;
        var (shallow, bound, deep, curves, shown) = comparison;
        bool trained = shallow.Has(Columns.Trained);

        string delta = "Δ" + Superscript(k);
        var fitSeries = new List<Series>
        {
            new Line(curves.Name, Columns.X, Columns.DeltaK, $"{delta}: deep net, {k} layers × 2 units"),
            new Line(curves.Name, Columns.X, Columns.FitCurve(shown), $"best width-{shown} net found", Dashed: true),
        };
        if (trained) fitSeries.Add(new Line(curves.Name, Columns.X, Columns.TrainedCurve(shown), $"width-{shown} net, trained"));
        result.Add(new Figure("sawtooth-fits",
            $"{delta} and one-hidden-layer ReLU networks of the listed width nearest 2ᵏ⁻¹: the best found by the free-knot grid search and one trained by {o.Optimizer}.",
            new Axis("x"), new Axis("f(x)", Min: -0.05, Max: 1.5), fitSeries)
        { Legend = LegendPlace.UpperRight });

        // Head room above the highest marker keeps the legend clear of the data.
        double highest = shallow.Numbers(Columns.BestFound).Concat(trained ? shallow.Numbers(Columns.Trained) : []).Max();
        var errorAxis = new Axis("mean |f − Δᵏ|", Min: -0.005, Max: 1.45 * highest);
        Series[] ErrorSeries(Column x) =>
        [
            new Line(bound.Name, x, Columns.LowerBound, "lower bound, any width-m net"),
            new Markers(shallow.Name, x, Columns.BestFound, "best width-m net found"),
            .. trained ? [new Markers(shallow.Name, x, Columns.Trained, $"width-m net trained by {o.Optimizer}")] : Array.Empty<Series>(),
            new Markers(deep.Name, x, Columns.Error, $"deep net, {k} layers × 2 units (exact)"),
        ];
        result.Add(new Figure("error-vs-parameters",
            $"Mean absolute error against {delta} of one-hidden-layer networks (3m + 1 parameters) and of the deep construction (6k + 1 parameters, exact).",
            new Axis("parameters P", Log: true), errorAxis, ErrorSeries(Columns.Parameters))
        { Legend = LegendPlace.UpperRight });
        result.Add(new Figure("error-vs-width",
            $"Mean absolute error against {delta} of one-hidden-layer networks by width m; the deep construction uses width 2 in each of its {k} layers.",
            new Axis("width m (units)"), errorAxis, ErrorSeries(Columns.Width))
        { Legend = LegendPlace.UpperRight });
    }

    private static string Superscript(int n) =>
        string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d - '0']));
}
