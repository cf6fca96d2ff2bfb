using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
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
public sealed partial class EdgeOfChaos : Experiment<EdgeOfChaosOptions>
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

    public override ExperimentResult Run(EdgeOfChaosOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: the mean-field maps of the chosen (σ_w², σ_b²), the
    /// random networks' lengths, correlations and χ₁, χ₁ of short random networks along the σ_w² sweep, the maps' fixed
    /// points and depth scales along the sweep, the phase diagram, and the critical σ_w² at this σ_b².
    /// </summary>
    private sealed record Measurement(MeanFieldMaps Maps, SignalMeasurement Signals, (double[] SigmaW2, double[] Chi1, double[] Error) SweepMonteCarlo,
        SweepRow[] Sweep, PhaseDiagram Phase, double Critical);

    private static Measurement Measure(EdgeOfChaosOptions o, RunContext context)
    {
        var activation = Activations.ByName(o.Activation);
        var spec = new MlpSpec(activation, o.SigmaW2, o.SigmaB2, o.Depth, o.Width);
        var maps = spec.MeanField();
        var integrals = new GaussianIntegrals(activation);

        TorchSetup.Prepare(context.Device);
        using var generator = context.TorchGenerator("random networks");
        using var task = context.Progress.Start("random networks", o.Networks * (1L + o.SweepMonteCarloPoints));
        double[] correlations = [.. o.InputCorrelations, .. Enumerable.Repeat(PairStart(maps), FixedPointPairs)];
        var measured = SignalMonteCarlo.Measure(spec, o.InputLengths, correlations, StartLength(maps), o.Networks, generator, task, context.Cancellation);
        var sweepMc = MeasureChi1Along(o, activation, generator, task, context.Cancellation);

        var sweep = Sweep(integrals, o, context.Cancellation);
        var phase = PhaseDiagram.Compute(activation, PhaseDiagram.PositiveGrid(o.SigmaW2Max, o.PhaseGrid), PhaseDiagram.Grid(o.SigmaB2Max, o.PhaseGrid), context.Cancellation);
        double critical = Criticality.CriticalSigmaW2(integrals, o.SigmaB2);
        return new Measurement(maps, measured, sweepMc, sweep, phase, critical);
    }

    /// <summary>q⁰ that puts the first layer at q¹ = q*, so correlations are followed at the fixed length; 1 where q* is 0 or infinite.</summary>
    private static double StartLength(MeanFieldMaps maps)
    {
        double q = maps.QStar;
        return double.IsFinite(q) && q > maps.SigmaB2 && maps.SigmaW2 > 0 ? (q - maps.SigmaB2) / maps.SigmaW2 : 1;
    }

    /// <summary>Where the pairs that estimate c* start: at c* where it lies in (0, 1), else at 0.5.</summary>
    private static double PairStart(MeanFieldMaps maps) => maps.CStar is > 0 and < 1 ? maps.CStar : 0.5;

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
}
