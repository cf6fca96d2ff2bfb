using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// How <see cref="EdgeOfChaos"/> shows its <see cref="Measurement"/>: the Monte-Carlo estimates beside the maps iterated
/// to the same depth, the length and correlation trajectories and maps, the sweep in σ_w² and the phase diagram, with
/// their findings and figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class EdgeOfChaos
{
    /// <summary>The columns of every table; a theory trajectory's column is named by its start's index and value.</summary>
    private static class Columns
    {
        public static readonly Column Finding = new("finding");
        public static readonly Column MonteCarlo = new("monte_carlo");
        public static readonly Column StandardError = new("standard_error");
        public static readonly Column Theory = new("theory");
        public static readonly Column FixedPoint = new("fixed_point");

        public static readonly Column Layer = new("layer");
        public static readonly Column Identity = new("identity");
        public static readonly Column Q0 = new("q0");
        public static readonly Column QMonteCarlo = new("q_mc");
        public static readonly Column QMonteCarloError = new("q_mc_se");
        public static readonly Column QTheory = new("q_theory");
        public static readonly Column QIn = new("q_in");
        public static readonly Column QOut = new("q_out");
        public static readonly Column QPrevious = new("q_previous");
        public static readonly Column QNext = new("q_next");
        public static readonly Column C0 = new("c0");
        public static readonly Column CMonteCarlo = new("c_mc");
        public static readonly Column CMonteCarloError = new("c_mc_se");
        public static readonly Column CTheory = new("c_theory");
        public static readonly Column CIn = new("c_in");
        public static readonly Column COut = new("c_out");
        public static readonly Column CPrevious = new("c_previous");
        public static readonly Column CNext = new("c_next");

        public static readonly Column SigmaW2 = new("sigma_w2");
        public static readonly Column SigmaB2 = new("sigma_b2");
        public static readonly Column QStar = new("q_star");
        public static readonly Column CStar = new("c_star");
        public static readonly Column Chi1 = new("chi1");
        public static readonly Column XiQ = new("xi_q");
        public static readonly Column XiC = new("xi_c");
        public static readonly Column One = new("one");
        public static readonly Column Chi1MonteCarlo = new("chi1_mc");
        public static readonly Column Chi1MonteCarloError = new("chi1_mc_se");
        public static readonly Column Xi = new("xi");
        public static readonly Column Log10Chi1Clipped = new("log10_chi1_clipped");
        public static readonly Column CriticalSigmaW2 = new("sigma_w2_critical");

        /// <summary>The length map iterated from the k-th input length q⁰.</summary>
        public static Column LengthTheory(int k, double q0) => new($"theory_q0_{k}_{OptionValues.Format(q0)}");

        /// <summary>The correlation map iterated from the m-th input correlation c⁰.</summary>
        public static Column CorrelationTheory(int m, double c0) => new($"theory_c0_{m}_{OptionValues.Format(c0)}");
    }

    private static ExperimentResult Present(EdgeOfChaosOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        AddFindings(result, o, measured.Maps, measured.Signals, measured.SweepMonteCarlo, measured.Critical);
        AddLengthFigures(result, o, measured.Maps, measured.Signals);
        AddCorrelationFigures(result, o, measured.Maps, measured.Signals);
        AddSweepFigures(result, o, measured.Sweep, measured.SweepMonteCarlo, measured.Critical);
        AddPhaseDiagram(result, o, measured.Phase);
        return result;
    }

    /// <summary>
    /// The Monte-Carlo estimates against the maps iterated to the same depth from the same inputs — the mean-field
    /// prediction for a finite depth, which is the fixed point only once the depth is several ξ — with the fixed points
    /// beside them; the depth scales and the critical σ_w² against numerical checks of the formulas.
    /// </summary>
    private static void AddFindings(ExperimentResult result, EdgeOfChaosOptions o, MeanFieldMaps maps, SignalMeasurement measured,
        (double[] SigmaW2, double[] Chi1, double[] Error) sweepMc, double critical)
    {
        int last = o.Depth - 1, from = o.Depth / 2, plotted = o.InputCorrelations.Length;
        var q = measured.AcrossNetworks(r => measured.QByNetwork.Average(k => k[last][r]));
        var c = measured.AcrossNetworks(r => measured.CByNetwork.Skip(plotted).Average(m => m[last][r]));
        var chi = measured.AcrossNetworks(r => measured.Chi1ByNetwork.Skip(from).Take(last - from).Average(l => l[r]));
        double qAtDepth = o.InputLengths.Average(q0 => maps.Propagate(q0, 1, o.Depth).Q[last]);
        double pairStart = PairStart(maps);
        double cAtDepth = maps.Propagate(measured.PairLength, pairStart, o.Depth).C[last];
        string networks = $"{o.Networks} random networks of width {o.Width}";
        result.Add(new Table("monte-carlo-estimates")
            .AddText(Columns.Finding, ["q_star", "c_star", "chi1"])
            .Add(Columns.MonteCarlo, [q.Mean, c.Mean, chi.Mean])
            .Add(Columns.StandardError, [q.Error, c.Error, chi.Error])
            .Add(Columns.Theory, [qAtDepth, cAtDepth, maps.Chi1])
            .Add(Columns.FixedPoint, [maps.QStar, maps.CStar, maps.Chi1]));

        result.Add(new Finding("q_star", q.Mean, "1",
            $"Mean squared pre-activation per neuron at layer {o.Depth}, averaged over inputs of every starting length, in {networks} (standard error {Shown.Short(q.Error)}); " +
            $"theory: the length map iterated from the same q⁰ to layer {o.Depth}, which approaches the fixed point q* = {Shown.Short(maps.QStar)} over ξ_q = {Shown.Short(maps.XiQ)} layers.",
            qAtDepth, $"theory: the length map iterated to layer {o.Depth} from each q⁰ (poole2016exponential)"));
        result.Add(new Finding("c_star", c.Mean, "1",
            $"Correlation at layer {o.Depth} of {FixedPointPairs} input pairs per network started at correlation {Shown.Short(pairStart)}, in {networks} (standard error {Shown.Short(c.Error)}); " +
            $"theory: the correlation map iterated from the same start to layer {o.Depth}. It reaches the stable fixed point c* = {Shown.Short(maps.CStar)} (1 in the ordered phase) " +
            $"only after several ξ_c = {Shown.Short(maps.XiC)} layers: {DepthAgainstScale(o.Depth, maps.XiC)}.",
            cAtDepth, $"theory: the correlation map iterated to layer {o.Depth} from c⁰ = {Shown.Short(pairStart)} at q⁰ = {Shown.Short(measured.PairLength)} (poole2016exponential)"));
        result.Add(new Finding("chi1", chi.Mean, "1",
            $"Mean squared singular value (1/N)‖W diag φ'(h)‖² of the layer-to-layer Jacobian, layers {from + 1}–{last} of {networks} (standard error {Shown.Short(chi.Error)}); " +
            "theory χ₁ = σ_w² ∫Dz φ'(√q* z)² (below 1 ordered, above 1 chaotic).",
            maps.Chi1, "theory: σ_w² ∫Dz φ'(√q* z)² (poole2016exponential)"));
        if (double.IsFinite(maps.XiC))
        {
            result.Add(new Finding("xi_c", maps.XiC, "layers",
                "Correlation depth scale ξ_c = −1/ln χ_c with χ_c = σ_w² ∫Dz₁Dz₂ φ'(u₁)φ'(u₂) at c* (Price's theorem); checked against the slope of the correlation map itself, by finite differences at c*.",
                MeanFieldMaps.DepthScale(CorrelationMapSlopeByDifference(maps)),
                "theory, a second route through the same map code: −1/ln of its finite-difference slope at c* (checks the χ_c formula, not the map) (schoenholz2017deep)"));
        }
        if (double.IsFinite(maps.XiQ))
        {
            result.Add(new Finding("xi_q", maps.XiQ, "layers",
                "Length depth scale ξ_q = −1/ln(χ₁ + σ_w² ∫Dz φ''φ) at q*, computed in the derivative-free form σ_w² ∫Dz φ(√q* z)²(z² − 1)/(2q*); checked against the slope of the length map itself, by finite differences at q*.",
                MeanFieldMaps.DepthScale(LengthMapSlopeByDifference(maps)),
                "theory, a second route through the same map code: −1/ln of its finite-difference slope at q* (checks the slope formula, not the map) (schoenholz2017deep)"));
        }
        string criticalMeaning = $"σ_w² at which χ₁ = 1 for σ_b² = {NumberText.Prose(o.SigmaB2)} (Brent's method on ln χ₁)";
        double crossing = Crossing(sweepMc.SigmaW2, sweepMc.Chi1);
        result.Add(double.IsNaN(critical)
            ? Finding.NotReached("critical_sigma_w2", "σ_w²", $"{criticalMeaning}: χ₁ stays below 1 for every σ_w² the search tried.")
            : double.IsNaN(crossing)
                ? new Finding("critical_sigma_w2", critical, "σ_w²", $"{criticalMeaning}; the χ₁ measured on random networks does not cross 1 along the sweep up to σ_w² = {NumberText.Prose(o.SigmaW2Max)}, so there is no Monte-Carlo value to set beside it.")
                : new Finding("critical_sigma_w2", critical, "σ_w²", $"{criticalMeaning}; compared with where the χ₁ measured on random networks crosses 1 along the sweep (linear interpolation).",
                    crossing, "independent: Monte Carlo, χ₁ of random networks interpolated to 1 (schoenholz2017deep)"));
    }

    /// <summary>Whether the depth measures the fixed point or a transient, in words.</summary>
    private static string DepthAgainstScale(int depth, double xi) => !double.IsFinite(xi)
        ? $"ξ_c is {Shown.Short(xi)} here, so layer {depth} holds a transient, not the fixed point"
        : depth >= 5 * xi
            ? $"layer {depth} is {depth / xi:F0} ξ_c deep, so the two agree"
            : $"layer {depth} is only {depth / xi:G2} ξ_c deep, so the networks and the iterated map measure a transient, not the fixed point";

    private static double LengthMapSlopeByDifference(MeanFieldMaps maps)
    {
        double q = maps.QStar;
        if (!(q > 0) || !double.IsFinite(q)) return double.NaN;
        double h = 1e-4 * q;
        return (maps.LengthMap(q + h) - maps.LengthMap(q - h)) / (2 * h);
    }

    private static double CorrelationMapSlopeByDifference(MeanFieldMaps maps)
    {
        double c = maps.CStar, q = maps.QStar;
        if (double.IsNaN(c)) return double.NaN;
        const double h = 1e-5;
        return c >= 1 - h
            ? (1 - maps.CorrelationMap(1 - h, q)) / h
            : (maps.CorrelationMap(c + h, q) - maps.CorrelationMap(c - h, q)) / (2 * h);
    }

    /// <summary>The first σ_w² at which the linear interpolation of <paramref name="chi1"/> crosses 1; NaN when it does not.</summary>
    private static double Crossing(double[] sigmaW2, double[] chi1)
    {
        for (int i = 0; i + 1 < sigmaW2.Length; i++)
            if ((chi1[i] - 1) * (chi1[i + 1] - 1) <= 0 && chi1[i] != chi1[i + 1])
                return sigmaW2[i] + (1 - chi1[i]) * (sigmaW2[i + 1] - sigmaW2[i]) / (chi1[i + 1] - chi1[i]);
        return double.NaN;
    }

    private static void AddLengthFigures(ExperimentResult result, EdgeOfChaosOptions o, MeanFieldMaps maps, SignalMeasurement measured)
    {
        int depth = o.Depth;
        var trajectories = o.InputLengths.Select(q0 => maps.Propagate(q0, 1, depth).Q).ToArray();
        var byLayer = new Table("q-by-layer").Add(Columns.Layer, Layers(depth));
        for (int k = 0; k < trajectories.Length; k++) byLayer.Add(Columns.LengthTheory(k, o.InputLengths[k]), trajectories[k]);
        var mc = new Table("q-by-layer-mc")
            .Add(Columns.Layer, o.InputLengths.SelectMany(_ => Layers(depth)))
            .Add(Columns.Q0, o.InputLengths.SelectMany(q0 => Enumerable.Repeat(q0, depth)))
            .Add(Columns.QMonteCarlo, measured.Q.SelectMany(q => q))
            .Add(Columns.QMonteCarloError, measured.QError.SelectMany(e => e.Select(Shown.ErrorBar)))
            .Add(Columns.QTheory, trajectories.SelectMany(q => q));
        result.Add(byLayer).Add(mc);
        var series = new List<Series>();
        for (int k = 0; k < trajectories.Length; k++) series.Add(new Line(byLayer.Name, Columns.Layer, Columns.LengthTheory(k, o.InputLengths[k]), $"theory, q⁰ = {NumberText.Prose(o.InputLengths[k])}"));
        series.Add(new Markers(mc.Name, Columns.Layer, Columns.QMonteCarlo, $"width-{o.Width} networks (±1 s.e.)", YError: o.Networks > 1 ? Columns.QMonteCarloError : null));
        result.Add(new Figure("q-by-layer", $"Length q of pre-activations layer by layer for inputs of several lengths q⁰: the iterated length map (lines) and random networks (markers); the map's fixed point is q* = {Shown.Short(maps.QStar)}.",
            Axis.Index("layer l", min: 0.5, max: LengthLayersShown(maps, depth)), new Axis("length q at layer l"), series));

        double top = Math.Max(trajectories.Max(q => q.Max()), double.IsFinite(maps.QStar) ? 2 * maps.QStar : 0) * 1.05;
        var qIn = Enumerable.Range(0, 201).Select(i => top * i / 200).ToArray();
        var map = new Table("q-map").Add(Columns.QIn, qIn).Add(Columns.QOut, qIn.Select(maps.LengthMap)).Add(Columns.Identity, qIn);
        var pairs = new Table("q-map-mc")
            .Add(Columns.QPrevious, measured.Q.SelectMany(q => q.Take(depth - 1)))
            .Add(Columns.QNext, measured.Q.SelectMany(q => q.Skip(1)));
        result.Add(map).Add(pairs);
        result.Add(new Figure("q-map", $"Length map: the length of the next layer, σ_w² ∫Dz φ(√q z)² + σ_b², against the length q of the layer before, with the diagonal (dashed); fixed point q* = {Shown.Short(maps.QStar)}. Markers: consecutive layers of random networks.",
            new Axis("length q at layer l − 1"), new Axis("length q at layer l"),
            [new Line(map.Name, Columns.QIn, Columns.QOut, "length map"), new Line(map.Name, Columns.QIn, Columns.Identity, "diagonal", Dashed: true),
             new Markers(pairs.Name, Columns.QPrevious, Columns.QNext, $"width-{o.Width} networks")])
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddCorrelationFigures(ExperimentResult result, EdgeOfChaosOptions o, MeanFieldMaps maps, SignalMeasurement measured)
    {
        int depth = o.Depth, plotted = o.InputCorrelations.Length;
        var trajectories = o.InputCorrelations.Select(c0 => maps.Propagate(measured.PairLength, c0, depth).C).ToArray();
        var measuredC = measured.C.Take(plotted).ToArray();
        var measuredError = measured.CError.Take(plotted).ToArray();
        var byLayer = new Table("c-by-layer").Add(Columns.Layer, Layers(depth));
        for (int m = 0; m < trajectories.Length; m++) byLayer.Add(Columns.CorrelationTheory(m, o.InputCorrelations[m]), trajectories[m]);
        var mc = new Table("c-by-layer-mc")
            .Add(Columns.Layer, o.InputCorrelations.SelectMany(_ => Layers(depth)))
            .Add(Columns.C0, o.InputCorrelations.SelectMany(c0 => Enumerable.Repeat(c0, depth)))
            .Add(Columns.CMonteCarlo, measuredC.SelectMany(c => c))
            .Add(Columns.CMonteCarloError, measuredError.SelectMany(e => e.Select(Shown.ErrorBar)))
            .Add(Columns.CTheory, trajectories.SelectMany(c => c));
        result.Add(byLayer).Add(mc);
        var series = new List<Series>();
        for (int m = 0; m < trajectories.Length; m++) series.Add(new Line(byLayer.Name, Columns.Layer, Columns.CorrelationTheory(m, o.InputCorrelations[m]), $"theory, c⁰ = {NumberText.Prose(o.InputCorrelations[m])}"));
        series.Add(new Markers(mc.Name, Columns.Layer, Columns.CMonteCarlo, $"width-{o.Width} networks (±1 s.e.)", YError: o.Networks > 1 ? Columns.CMonteCarloError : null));
        result.Add(new Figure("c-by-layer", $"Correlation c of two inputs' pre-activations layer by layer, inputs at q¹ = q*: the iterated correlation map (lines) and random networks (markers); the map's stable fixed point is c* = {Shown.Short(maps.CStar)}.",
            Axis.Index("layer l", min: 0.5, max: depth + 0.5), new Axis("correlation c at layer l", Min: LegendRoomBelow(o.InputCorrelations), Max: 1.05), series)
        { Legend = LegendPlace.LowerRight, Aspect = 0.75 });

        double q = maps.QStar;
        if (!(q > 0) || !double.IsFinite(q)) return;
        double low = o.InputCorrelations.Min() < 0 ? -1 : 0;
        var cIn = Enumerable.Range(0, 201).Select(i => low + (1 - low) * i / 200).ToArray();
        var map = new Table("c-map").Add(Columns.CIn, cIn).Add(Columns.COut, cIn.Select(c => maps.CorrelationMap(c, q))).Add(Columns.Identity, cIn);
        var pairs = new Table("c-map-mc")
            .Add(Columns.CPrevious, measuredC.SelectMany(c => c.Take(depth - 1)))
            .Add(Columns.CNext, measuredC.SelectMany(c => c.Skip(1)));
        var fixedPoint = new Table("c-star").Add(Columns.CStar, [maps.CStar]);
        result.Add(map).Add(pairs).Add(fixedPoint);
        result.Add(new Figure("c-map", $"Correlation map at q* = {Shown.Short(q)}: the correlation at the next layer against that at the layer before, with the diagonal (dashed); stable fixed point c* = {Shown.Short(maps.CStar)}, slope χ₁ = {Shown.Short(maps.Chi1)} at c = 1. Markers: consecutive layers of random networks.",
            new Axis("correlation c at layer l − 1"), new Axis("correlation c at layer l"),
            [new Line(map.Name, Columns.CIn, Columns.COut, "correlation map"), new Line(map.Name, Columns.CIn, Columns.Identity, "diagonal", Dashed: true),
             new Markers(pairs.Name, Columns.CPrevious, Columns.CNext, $"width-{o.Width} networks"), new Markers(fixedPoint.Name, Columns.CStar, Columns.CStar, "fixed point c*")])
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddSweepFigures(ExperimentResult result, EdgeOfChaosOptions o, SweepRow[] sweep, (double[] SigmaW2, double[] Chi1, double[] Error) mc, double critical)
    {
        var table = new Table("sweep")
            .Add(Columns.SigmaW2, sweep.Select(r => r.SigmaW2))
            .Add(Columns.QStar, sweep.Select(r => r.QStar))
            .Add(Columns.CStar, sweep.Select(r => r.CStar))
            .Add(Columns.Chi1, sweep.Select(r => r.Chi1))
            .Add(Columns.XiQ, sweep.Select(r => r.XiQ))
            .Add(Columns.XiC, sweep.Select(r => r.XiC))
            .Add(Columns.One, sweep.Select(_ => 1.0));
        var chiMc = new Table("chi1-mc").Add(Columns.SigmaW2, mc.SigmaW2).Add(Columns.Chi1MonteCarlo, mc.Chi1).Add(Columns.Chi1MonteCarloError, mc.Error.Select(Shown.ErrorBar));
        result.Add(table).Add(chiMc);
        string atBias = $"σ_b² = {NumberText.Prose(o.SigmaB2)}";
        result.Add(new Figure("chi1-vs-sigma-w2", $"χ₁ at the fixed point q* against σ_w² ({atBias}): mean-field theory (line), χ₁ = 1 (dashed; theory's critical σ_w² = {Shown.Short(critical)}) and random networks (markers).",
            new Axis("σ_w²"), new Axis("χ₁"),
            [new Line(table.Name, Columns.SigmaW2, Columns.Chi1, "theory χ₁"), new Line(table.Name, Columns.SigmaW2, Columns.One, "χ₁ = 1", Dashed: true),
             new Markers(chiMc.Name, Columns.SigmaW2, Columns.Chi1MonteCarlo, $"width-{o.Width} networks", YError: o.Networks > 1 ? Columns.Chi1MonteCarloError : null)])
        { Legend = LegendPlace.UpperLeft });

        var finite = sweep.SelectMany(r => new[] { r.XiC, r.XiQ }).Where(x => double.IsFinite(x) && x > 0).ToArray();
        var line = new Table("critical-sigma-w2").Add(Columns.SigmaW2, [critical, critical]).Add(Columns.Xi, finite.Length == 0 ? [1, 1] : [finite.Min(), finite.Max()]);
        result.Add(line);
        result.Add(new Figure("depth-scales", $"Depth scales ξ_c and ξ_q of the mean-field maps against σ_w² ({atBias}); dashed: theory's critical σ_w² = {Shown.Short(critical)}, where χ₁ = 1.",
            new Axis("σ_w²"), new Axis("depth scale (layers)", Log: true),
            [new Line(table.Name, Columns.SigmaW2, Columns.XiC, "ξ_c"), new Line(table.Name, Columns.SigmaW2, Columns.XiQ, "ξ_q"),
             new Line(line.Name, Columns.SigmaW2, Columns.Xi, "χ₁ = 1", Dashed: true)]));
        result.Add(new Figure("c-star", $"Stable fixed point c* of the correlation map against σ_w² ({atBias}), from the mean-field maps.",
            new Axis("σ_w²"), new Axis("c*", Min: 0, Max: 1.05),
            [new Line(table.Name, Columns.SigmaW2, Columns.CStar, "c*")])
        { Legend = LegendPlace.LowerLeft });
    }

    private static void AddPhaseDiagram(ExperimentResult result, EdgeOfChaosOptions o, PhaseDiagram phase)
    {
        int rows = phase.SigmaB2.Length, cols = phase.SigmaW2.Length;
        var w = new double[rows * cols];
        var b = new double[rows * cols];
        var chi = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                w[i * cols + j] = phase.SigmaW2[j];
                b[i * cols + j] = phase.SigmaB2[i];
                chi[i * cols + j] = phase.Chi1[i, j];
            }
        var diagram = new Table("phase-diagram").Add(Columns.SigmaW2, w).Add(Columns.SigmaB2, b).Add(Columns.Chi1, chi)
            .Add(Columns.Log10Chi1Clipped, chi.Select(x => Math.Clamp(Math.Log10(x), -ColourClip, ColourClip)));
        var criticalLine = new Table("critical-line").Add(Columns.SigmaB2, phase.CriticalSigmaB2).Add(Columns.CriticalSigmaW2, phase.CriticalSigmaW2);
        var chosen = new Table("chosen").Add(Columns.SigmaW2, [o.SigmaW2]).Add(Columns.SigmaB2, [o.SigmaB2]);
        result.Add(diagram).Add(criticalLine).Add(chosen);
        result.Add(new Figure("phase-diagram", $"Order-to-chaos phase diagram of {o.Activation} networks: log₁₀ χ₁ of the mean-field maps over (σ_w², σ_b²), colours clipped to ±{ColourClip}; line: χ₁ = 1; marker: this run's (σ_w², σ_b²).",
            new Axis("σ_w²"), new Axis("σ_b²"),
            [new Heatmap(diagram.Name, Columns.SigmaW2, Columns.SigmaB2, Columns.Log10Chi1Clipped, "log₁₀ χ₁"),
             new Markers(chosen.Name, Columns.SigmaW2, Columns.SigmaB2, "this run"),
             new Line(criticalLine.Name, Columns.CriticalSigmaW2, Columns.SigmaB2, "χ₁ = 1")])
        { Aspect = 0.8, Legend = LegendPlace.UpperLeft });
    }

    /// <summary>Colours of the phase diagram span log10 χ₁ in ±this, so the transition sits mid-scale rather than being squeezed by χ₁ → 0 at small σ_w².</summary>
    private const double ColourClip = 0.5;

    /// <summary>Lengths settle within a few ξ_q, usually a handful of layers: the length figure shows about ten ξ_q (at least ten layers), its table every layer.</summary>
    private static double LengthLayersShown(MeanFieldMaps maps, int depth)
    {
        double xi = maps.XiQ;
        double shown = double.IsFinite(xi) ? Math.Max(10, Math.Ceiling(10 * xi)) : depth;
        return Math.Min(depth, shown) + 0.5;
    }

    /// <summary>The lower end of the correlation axis: the lowest correlation shown, less room for the legend (one line per start and one for the markers) below the curves.</summary>
    private static double LegendRoomBelow(double[] inputCorrelations) => Math.Min(0, inputCorrelations.Min()) - 0.05 - 0.12 * (inputCorrelations.Length + 1);

    private static IEnumerable<double> Layers(int depth) => Enumerable.Range(1, depth).Select(l => (double)l);
}
