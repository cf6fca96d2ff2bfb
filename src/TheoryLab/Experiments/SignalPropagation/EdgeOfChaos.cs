using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
using TheoryLab.Torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>Options of <see cref="EdgeOfChaos"/>. Defaults: tanh with σ_b² = 0.05 as in Schoenholz et al. (2017), width 1000 as in Poole et al. (2016).</summary>
public sealed record EdgeOfChaosOptions
{
    [Option("nonlinearity φ of every layer", ChoicesFrom = typeof(MeanFieldActivations))]
    public string Activation { get; init; } = "tanh";

    [Option("weight variance: W_ij ~ N(0, σ_w²/N); the default lies in the chaotic phase of tanh at σ_b² = 0.05", Min = 0.01, Max = 100, Unit = "σ_w²")]
    public double SigmaW2 { get; init; } = 2.5;

    [Option("bias variance: b_i ~ N(0, σ_b²)", Min = 0, Max = 100, Unit = "σ_b²")]
    public double SigmaB2 { get; init; } = 0.05;

    [Option("layers of the random networks and of the iterated maps; several times ξ_c for correlations to settle at c*", Min = 2, Max = 2000, Unit = "layers")]
    public int Depth { get; init; } = 100;

    [Option("neurons per layer of the Monte-Carlo networks (Poole et al. used 1000)", Min = 10, Max = 20000, Unit = "neurons")]
    public int Width { get; init; } = 1000;

    [Option("independent random networks averaged per Monte-Carlo point", Min = 1, Max = 1000, Unit = "networks")]
    public int Networks { get; init; } = 4;

    [Option("input lengths q⁰ = |x|²/N₀ whose length trajectories q^l are followed", Min = 0, Max = 1e4, Unit = "q⁰")]
    public double[] InputLengths { get; init; } = [0.1, 1, 4, 10];

    [Option("input correlations c⁰ whose correlation trajectories c^l are followed (inputs start at q¹ = q*)", Min = -1, Max = 1, Unit = "c⁰")]
    public double[] InputCorrelations { get; init; } = [0, 0.5, 0.9, 0.99];

    [Option("σ_w² values in the sweep of q*, c*, χ₁, ξ_q and ξ_c", Min = 3, Max = 100_000, Unit = "points")]
    public int SweepPoints { get; init; } = 161;

    [Option("σ_w² values along the sweep at which χ₁ is also measured on random networks (0 for none)", Min = 0, Max = 200, Unit = "points")]
    public int SweepMonteCarloPoints { get; init; } = 9;

    [Option("largest σ_w² of the sweep and of the phase diagram", Min = 0.1, Max = 100, Unit = "σ_w²")]
    public double SigmaW2Max { get; init; } = 5;

    [Option("largest σ_b² of the phase diagram", Min = 0.01, Max = 100, Unit = "σ_b²")]
    public double SigmaB2Max { get; init; } = 2;

    [Option("grid points per axis of the (σ_w², σ_b²) phase diagram", Min = 3, Max = 2000, Unit = "points")]
    public int PhaseGrid { get; init; } = 121;
}

/// <summary>
/// The order-to-chaos transition of deep random networks (Poole et al. 2016; Schoenholz et al. 2017): length
/// and correlation maps with their fixed points, χ₁, the depth scales ξ_q and ξ_c, and the phase diagram, with
/// Monte-Carlo measurements on wide random networks drawn from the same spec.
/// </summary>
public sealed class EdgeOfChaos : Experiment<EdgeOfChaosOptions>
{
    /// <summary>Layers of the short networks that measure χ₁ along the σ_w² sweep (inputs start at q*).</summary>
    private const int SweepDepth = 3;

    /// <summary>
    /// Input pairs per network that estimate c*: started at the predicted c* (0.5 where c* is 1 or undefined), so
    /// what is measured at the last layer is where real networks hold correlations, without a transient; fluctuations
    /// at width N build up to about (1 − c*²)/√(N(1 − χ_c²)) per pair, so many pairs are averaged.
    /// </summary>
    private const int FixedPointPairs = 16;

    public override string Id => "edge-of-chaos";
    public override string Title => "Order, chaos and depth scales of deep random networks";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["poole2016exponential", "schoenholz2017deep"];

    public override string Summary =>
        "Iterates the mean-field length map q^l = σ_w² ∫Dz φ(√q^{l−1} z)² + σ_b² and correlation map to their fixed points q* and c*, " +
        "computes χ₁ = σ_w² ∫Dz φ'(√q* z)², the depth scales ξ_q and ξ_c and the critical σ_w² where χ₁ = 1, and draws the " +
        "(σ_w², σ_b²) phase diagram. Wide random float64 networks from the same spec supply Monte-Carlo points for every curve.";

    public override EdgeOfChaosOptions Quick => new()
    {
        Depth = 30,
        Networks = 4,
        InputLengths = [0.1, 4],
        InputCorrelations = [0, 0.5],
        SweepPoints = 41,
        SweepMonteCarloPoints = 9,
        PhaseGrid = 31,
    };

    /// <summary>
    /// Float64 width × width matrices held at once: the layer in use, the next one, and the squared weights of the
    /// Jacobian's estimate. Peak resident memory measured 2.8 and 3.0 such matrices above the process's own at widths
    /// 4000 and 8000.
    /// </summary>
    private const int LayersInMemory = 3;

    public override CostEstimate EstimateCost(EdgeOfChaosOptions o)
    {
        long layers = (long)o.Networks * (o.Depth + o.SweepMonteCarloPoints * SweepDepth);
        double perLayer = CostCalibration.EdgeOfChaos.SecondsPerMegaLayer * o.Width * (double)o.Width / 1e6;
        double phaseDiagram = CostCalibration.EdgeOfChaos.SecondsPerPhaseCell * o.PhaseGrid * (double)o.PhaseGrid;
        return CostEstimate.FromCalibration(layers, "random layers", perLayer, fixedSeconds: 2 + phaseDiagram) with { MemoryBytes = LayersInMemory * sizeof(double) * (long)o.Width * o.Width };
    }

    public override ExperimentResult Run(EdgeOfChaosOptions o, RunContext context)
    {
        var activation = Activations.ByName(o.Activation);
        var spec = new MlpSpec(activation, o.SigmaW2, o.SigmaB2, o.Depth, o.Width);
        var maps = spec.MeanField();
        var integrals = new GaussianIntegrals(activation);
        var result = new ExperimentResult();

        TorchSetup.Prepare(context.Device);
        using var generator = context.TorchGenerator("random networks");
        using var task = context.Progress.Start("random networks", o.Networks * (1L + o.SweepMonteCarloPoints));
        double[] correlations = [.. o.InputCorrelations, .. Enumerable.Repeat(PairStart(maps), FixedPointPairs)];
        var measured = SignalMonteCarlo.Measure(spec, o.InputLengths, correlations, StartLength(maps), o.Networks, generator, task, context.Cancellation);
        var sweepMc = MeasureChi1Along(o, activation, generator, task, context.Cancellation);

        var sweep = Sweep(integrals, o, context.Cancellation);
        var phase = PhaseDiagram.Compute(activation, PhaseDiagram.PositiveGrid(o.SigmaW2Max, o.PhaseGrid), PhaseDiagram.Grid(o.SigmaB2Max, o.PhaseGrid), context.Cancellation);
        double critical = Criticality.CriticalSigmaW2(integrals, o.SigmaB2);

        AddFindings(result, o, maps, measured, sweepMc, critical);
        AddLengthFigures(result, o, maps, measured);
        AddCorrelationFigures(result, o, maps, measured);
        AddSweepFigures(result, o, sweep, sweepMc, critical);
        AddPhaseDiagram(result, o, phase);
        return result;
    }

    /// <summary>q⁰ that puts the first layer at q¹ = q*, so correlations are followed at the fixed length; 1 where q* is 0 or infinite.</summary>
    private static double StartLength(MeanFieldMaps maps)
    {
        double q = maps.QStar;
        return double.IsFinite(q) && q > maps.SigmaB2 && maps.SigmaW2 > 0 ? (q - maps.SigmaB2) / maps.SigmaW2 : 1;
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
            .AddText("finding", ["q_star", "c_star", "chi1"])
            .Add("monte_carlo", [q.Mean, c.Mean, chi.Mean])
            .Add("standard_error", [q.Error, c.Error, chi.Error])
            .Add("theory", [qAtDepth, cAtDepth, maps.Chi1])
            .Add("fixed_point", [maps.QStar, maps.CStar, maps.Chi1]));

        result.Add(new Finding("q_star", q.Mean, "1",
            $"Mean squared pre-activation per neuron at layer {o.Depth}, averaged over inputs of every starting length, in {networks} (standard error {Short(q.Error)}); " +
            $"theory: the length map iterated from the same q⁰ to layer {o.Depth}, which approaches the fixed point q* = {Short(maps.QStar)} over ξ_q = {Short(maps.XiQ)} layers.",
            qAtDepth, $"theory: the length map iterated to layer {o.Depth} from each q⁰ (poole2016exponential)"));
        result.Add(new Finding("c_star", c.Mean, "1",
            $"Correlation at layer {o.Depth} of {FixedPointPairs} input pairs per network started at correlation {Short(pairStart)}, in {networks} (standard error {Short(c.Error)}); " +
            $"theory: the correlation map iterated from the same start to layer {o.Depth}. It reaches the stable fixed point c* = {Short(maps.CStar)} (1 in the ordered phase) " +
            $"only after several ξ_c = {Short(maps.XiC)} layers: {DepthAgainstScale(o.Depth, maps.XiC)}.",
            cAtDepth, $"theory: the correlation map iterated to layer {o.Depth} from c⁰ = {Short(pairStart)} at q⁰ = {Short(measured.PairLength)} (poole2016exponential)"));
        result.Add(new Finding("chi1", chi.Mean, "1",
            $"Mean squared singular value (1/N)‖W diag φ'(h)‖² of the layer-to-layer Jacobian, layers {from + 1}–{last} of {networks} (standard error {Short(chi.Error)}); " +
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

    /// <summary>Where the pairs that estimate c* start: at c* where it lies in (0, 1), else at 0.5.</summary>
    private static double PairStart(MeanFieldMaps maps) => maps.CStar is > 0 and < 1 ? maps.CStar : 0.5;

    /// <summary>Whether the depth measures the fixed point or a transient, in words.</summary>
    private static string DepthAgainstScale(int depth, double xi) => !double.IsFinite(xi)
        ? $"ξ_c is {Short(xi)} here, so layer {depth} holds a transient, not the fixed point"
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

    private static (double[] SigmaW2, double[] Chi1, double[] Error) MeasureChi1Along(EdgeOfChaosOptions o, Activation activation,
        TorchSharp.torch.Generator generator, IProgressTask task, CancellationToken cancellation)
    {
        var sigmaW2 = PhaseDiagram.PositiveGrid(o.SigmaW2Max, o.SweepMonteCarloPoints);
        var chi1 = new double[sigmaW2.Length];
        var error = new double[sigmaW2.Length];
        for (int i = 0; i < sigmaW2.Length; i++)
        {
            var spec = new MlpSpec(activation, sigmaW2[i], o.SigmaB2, SweepDepth, o.Width);
            double start = StartLength(spec.MeanField());
            var m = SignalMonteCarlo.Measure(spec, [start, start, start, start], [], start, o.Networks, generator, task, cancellation);
            chi1[i] = m.Chi1.Take(SweepDepth - 1).Average();
            error[i] = m.Chi1Error.Take(SweepDepth - 1).Average();
        }
        return (sigmaW2, chi1, error);
    }

    private sealed record SweepRow(double SigmaW2, double QStar, double CStar, double Chi1, double XiQ, double XiC);

    private static SweepRow[] Sweep(GaussianIntegrals integrals, EdgeOfChaosOptions o, CancellationToken cancellation)
    {
        var sigmaW2 = PhaseDiagram.PositiveGrid(o.SigmaW2Max, o.SweepPoints);
        var rows = new SweepRow[sigmaW2.Length];
        Parallel.For(0, sigmaW2.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var m = new MeanFieldMaps(integrals, sigmaW2[i], o.SigmaB2);
            rows[i] = new SweepRow(sigmaW2[i], m.QStar, m.CStar, m.Chi1, m.XiQ, m.XiC);
        });
        return rows;
    }

    private static void AddLengthFigures(ExperimentResult result, EdgeOfChaosOptions o, MeanFieldMaps maps, SignalMeasurement measured)
    {
        int depth = o.Depth;
        var trajectories = o.InputLengths.Select(q0 => maps.Propagate(q0, 1, depth).Q).ToArray();
        var byLayer = new Table("q-by-layer").Add("layer", Layers(depth));
        for (int k = 0; k < trajectories.Length; k++) byLayer.Add(LengthColumn(k, o.InputLengths[k]), trajectories[k]);
        var mc = new Table("q-by-layer-mc")
            .Add("layer", o.InputLengths.SelectMany(_ => Layers(depth)))
            .Add("q0", o.InputLengths.SelectMany(q0 => Enumerable.Repeat(q0, depth)))
            .Add("q_mc", measured.Q.SelectMany(q => q))
            .Add("q_mc_se", measured.QError.SelectMany(e => e.Select(ZeroIfNaN)))
            .Add("q_theory", trajectories.SelectMany(q => q));
        result.Add(byLayer).Add(mc);
        var series = new List<Series>();
        for (int k = 0; k < trajectories.Length; k++) series.Add(new Line("q-by-layer", "layer", LengthColumn(k, o.InputLengths[k]), $"theory, q⁰ = {NumberText.Prose(o.InputLengths[k])}"));
        series.Add(new Markers("q-by-layer-mc", "layer", "q_mc", $"width-{o.Width} networks (±1 s.e.)", YError: o.Networks > 1 ? "q_mc_se" : null));
        result.Add(new Figure("q-by-layer", $"Length q of pre-activations layer by layer for inputs of several lengths q⁰: the iterated length map (lines) and random networks (markers); the map's fixed point is q* = {Short(maps.QStar)}.",
            new Axis("layer l", Min: 0.5, Max: LengthLayersShown(maps, depth)), new Axis("length q at layer l"), series));

        double top = Math.Max(trajectories.Max(q => q.Max()), double.IsFinite(maps.QStar) ? 2 * maps.QStar : 0) * 1.05;
        var qIn = Enumerable.Range(0, 201).Select(i => top * i / 200).ToArray();
        var map = new Table("q-map").Add("q_in", qIn).Add("q_out", qIn.Select(maps.LengthMap)).Add("identity", qIn);
        var pairs = new Table("q-map-mc")
            .Add("q_previous", measured.Q.SelectMany(q => q.Take(depth - 1)))
            .Add("q_next", measured.Q.SelectMany(q => q.Skip(1)));
        result.Add(map).Add(pairs);
        result.Add(new Figure("q-map", $"Length map: the length of the next layer, σ_w² ∫Dz φ(√q z)² + σ_b², against the length q of the layer before, with the diagonal (dashed); fixed point q* = {Short(maps.QStar)}. Markers: consecutive layers of random networks.",
            new Axis("length q at layer l − 1"), new Axis("length q at layer l"),
            [new Line("q-map", "q_in", "q_out", "length map"), new Line("q-map", "q_in", "identity", "diagonal", Dashed: true),
             new Markers("q-map-mc", "q_previous", "q_next", $"width-{o.Width} networks")])
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddCorrelationFigures(ExperimentResult result, EdgeOfChaosOptions o, MeanFieldMaps maps, SignalMeasurement measured)
    {
        int depth = o.Depth, plotted = o.InputCorrelations.Length;
        var trajectories = o.InputCorrelations.Select(c0 => maps.Propagate(measured.PairLength, c0, depth).C).ToArray();
        var measuredC = measured.C.Take(plotted).ToArray();
        var measuredError = measured.CError.Take(plotted).ToArray();
        var byLayer = new Table("c-by-layer").Add("layer", Layers(depth));
        for (int m = 0; m < trajectories.Length; m++) byLayer.Add(CorrelationColumn(m, o.InputCorrelations[m]), trajectories[m]);
        var mc = new Table("c-by-layer-mc")
            .Add("layer", o.InputCorrelations.SelectMany(_ => Layers(depth)))
            .Add("c0", o.InputCorrelations.SelectMany(c0 => Enumerable.Repeat(c0, depth)))
            .Add("c_mc", measuredC.SelectMany(c => c))
            .Add("c_mc_se", measuredError.SelectMany(e => e.Select(ZeroIfNaN)))
            .Add("c_theory", trajectories.SelectMany(c => c));
        result.Add(byLayer).Add(mc);
        var series = new List<Series>();
        for (int m = 0; m < trajectories.Length; m++) series.Add(new Line("c-by-layer", "layer", CorrelationColumn(m, o.InputCorrelations[m]), $"theory, c⁰ = {NumberText.Prose(o.InputCorrelations[m])}"));
        series.Add(new Markers("c-by-layer-mc", "layer", "c_mc", $"width-{o.Width} networks (±1 s.e.)", YError: o.Networks > 1 ? "c_mc_se" : null));
        result.Add(new Figure("c-by-layer", $"Correlation c of two inputs' pre-activations layer by layer, inputs at q¹ = q*: the iterated correlation map (lines) and random networks (markers); the map's stable fixed point is c* = {Short(maps.CStar)}.",
            new Axis("layer l", Min: 0.5, Max: depth + 0.5), new Axis("correlation c at layer l", Min: LegendRoomBelow(o.InputCorrelations), Max: 1.05), series)
        { Legend = LegendPlace.LowerRight, Aspect = 0.75 });

        double q = maps.QStar;
        if (!(q > 0) || !double.IsFinite(q)) return;
        double low = o.InputCorrelations.Min() < 0 ? -1 : 0;
        var cIn = Enumerable.Range(0, 201).Select(i => low + (1 - low) * i / 200).ToArray();
        var map = new Table("c-map").Add("c_in", cIn).Add("c_out", cIn.Select(c => maps.CorrelationMap(c, q))).Add("identity", cIn);
        var pairs = new Table("c-map-mc")
            .Add("c_previous", measuredC.SelectMany(c => c.Take(depth - 1)))
            .Add("c_next", measuredC.SelectMany(c => c.Skip(1)));
        var fixedPoint = new Table("c-star").Add("c_star", [maps.CStar]);
        result.Add(map).Add(pairs).Add(fixedPoint);
        result.Add(new Figure("c-map", $"Correlation map at q* = {Short(q)}: the correlation at the next layer against that at the layer before, with the diagonal (dashed); stable fixed point c* = {Short(maps.CStar)}, slope χ₁ = {Short(maps.Chi1)} at c = 1. Markers: consecutive layers of random networks.",
            new Axis("correlation c at layer l − 1"), new Axis("correlation c at layer l"),
            [new Line("c-map", "c_in", "c_out", "correlation map"), new Line("c-map", "c_in", "identity", "diagonal", Dashed: true),
             new Markers("c-map-mc", "c_previous", "c_next", $"width-{o.Width} networks"), new Markers("c-star", "c_star", "c_star", "fixed point c*")])
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddSweepFigures(ExperimentResult result, EdgeOfChaosOptions o, SweepRow[] sweep, (double[] SigmaW2, double[] Chi1, double[] Error) mc, double critical)
    {
        var table = new Table("sweep")
            .Add("sigma_w2", sweep.Select(r => r.SigmaW2))
            .Add("q_star", sweep.Select(r => r.QStar))
            .Add("c_star", sweep.Select(r => r.CStar))
            .Add("chi1", sweep.Select(r => r.Chi1))
            .Add("xi_q", sweep.Select(r => r.XiQ))
            .Add("xi_c", sweep.Select(r => r.XiC))
            .Add("one", sweep.Select(_ => 1.0));
        var chiMc = new Table("chi1-mc").Add("sigma_w2", mc.SigmaW2).Add("chi1_mc", mc.Chi1).Add("chi1_mc_se", mc.Error.Select(ZeroIfNaN));
        result.Add(table).Add(chiMc);
        string atBias = $"σ_b² = {NumberText.Prose(o.SigmaB2)}";
        result.Add(new Figure("chi1-vs-sigma-w2", $"χ₁ at the fixed point q* against σ_w² ({atBias}): mean-field theory (line), χ₁ = 1 (dashed; theory's critical σ_w² = {Short(critical)}) and random networks (markers).",
            new Axis("σ_w²"), new Axis("χ₁"),
            [new Line("sweep", "sigma_w2", "chi1", "theory χ₁"), new Line("sweep", "sigma_w2", "one", "χ₁ = 1", Dashed: true),
             new Markers("chi1-mc", "sigma_w2", "chi1_mc", $"width-{o.Width} networks", YError: o.Networks > 1 ? "chi1_mc_se" : null)])
        { Legend = LegendPlace.UpperLeft });

        var finite = sweep.SelectMany(r => new[] { r.XiC, r.XiQ }).Where(x => double.IsFinite(x) && x > 0).ToArray();
        var line = new Table("critical-sigma-w2").Add("sigma_w2", [critical, critical]).Add("xi", finite.Length == 0 ? [1, 1] : [finite.Min(), finite.Max()]);
        result.Add(line);
        result.Add(new Figure("depth-scales", $"Depth scales ξ_c and ξ_q of the mean-field maps against σ_w² ({atBias}); dashed: theory's critical σ_w² = {Short(critical)}, where χ₁ = 1.",
            new Axis("σ_w²"), new Axis("depth scale (layers)", Log: true),
            [new Line("sweep", "sigma_w2", "xi_c", "ξ_c"), new Line("sweep", "sigma_w2", "xi_q", "ξ_q"),
             new Line("critical-sigma-w2", "sigma_w2", "xi", "χ₁ = 1", Dashed: true)]));
        result.Add(new Figure("c-star", $"Stable fixed point c* of the correlation map against σ_w² ({atBias}), from the mean-field maps.",
            new Axis("σ_w²"), new Axis("c*", Min: 0, Max: 1.05),
            [new Line("sweep", "sigma_w2", "c_star", "c*")])
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
        result.Add(new Table("phase-diagram").Add("sigma_w2", w).Add("sigma_b2", b).Add("chi1", chi)
            .Add("log10_chi1_clipped", chi.Select(x => Math.Clamp(Math.Log10(x), -ColourClip, ColourClip))));
        result.Add(new Table("critical-line").Add("sigma_b2", phase.CriticalSigmaB2).Add("sigma_w2_critical", phase.CriticalSigmaW2));
        result.Add(new Table("chosen").Add("sigma_w2", [o.SigmaW2]).Add("sigma_b2", [o.SigmaB2]));
        result.Add(new Figure("phase-diagram", $"Order-to-chaos phase diagram of {o.Activation} networks: log₁₀ χ₁ of the mean-field maps over (σ_w², σ_b²), colours clipped to ±{ColourClip}; line: χ₁ = 1; marker: this run's (σ_w², σ_b²).",
            new Axis("σ_w²"), new Axis("σ_b²"),
            [new Heatmap("phase-diagram", "sigma_w2", "sigma_b2", "log10_chi1_clipped", "log₁₀ χ₁"),
             new Markers("chosen", "sigma_w2", "sigma_b2", "this run"),
             new Line("critical-line", "sigma_w2_critical", "sigma_b2", "χ₁ = 1")])
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

    private static string LengthColumn(int k, double q0) => $"theory_q0_{k}_{OptionValues.Format(q0)}";

    private static string CorrelationColumn(int m, double c0) => $"theory_c0_{m}_{OptionValues.Format(c0)}";

    private static double ZeroIfNaN(double x) => double.IsNaN(x) ? 0 : x;

    private static string Short(double x) => double.IsFinite(x) ? x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : x > 0 ? "∞" : "undefined";
}
