using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.PiecewiseLinear;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// Options of <see cref="Sawtooth"/>. Defaults: k = 5 (a sawtooth of 16 teeth, 32 pieces) on [0, 1], Telgarsky's
/// interval; shallow widths up to 2ᵏ, where a one-hidden-layer network first represents Δᵏ exactly.
/// </summary>
public sealed record SawtoothOptions
{
    [Option("k: how many times the tent map Δ(x) = 2σ(x) − 4σ(x − ½) is composed; the deep network has k hidden layers of 2 ReLU units", Min = 1, Max = 30, Unit = "layers")]
    public int Depth { get; init; } = 5;

    [Option("left end of the interval on which pieces are counted and errors measured (inside [0, 1], where Δᵏ is the sawtooth)", Min = 0, Max = 1)]
    public double IntervalStart { get; init; }

    [Option("right end of the interval on which pieces are counted and errors measured", Min = 0, Max = 1)]
    public double IntervalEnd { get; init; } = 1;

    [Option("compare one-hidden-layer networks of each width with the deep construction (off: count pieces only, for deep k)")]
    public bool ShallowComparison { get; init; } = true;

    [Option("widths m of the one-hidden-layer ReLU networks compared with the deep network", Min = 1, Max = 4096, Unit = "units")]
    public int[] ShallowWidths { get; init; } = [1, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32];

    [Option("free-knot search grid: candidate knots per linear piece of Δᵏ", Min = 1, Max = 64)]
    public int FitKnotsPerPiece { get; init; } = 4;

    [Option("free-knot search grid: equally spaced value levels across [0, 1] at each knot (the target's own value is always added)", Min = 1, Max = 256,
        Derived = "16, or the most below it that keeps the search of depth's Δᵏ with fit_knots_per_piece within its work limit")]
    public int FitValueLevels { get => _fitValueLevels ?? LevelsWithinWorkLimit(); init => _fitValueLevels = value; }

    private readonly int? _fitValueLevels;

    [Option("mean absolute error a shallow network must reach for the width findings", Min = 0, Max = 0.25)]
    public double ErrorTarget { get; init; } = 0.05;

    [Option("full-batch steps per trained network (shallow widths and both families); 0 trains none", Min = 0, Max = 1_000_000, Unit = "steps")]
    public int TrainSteps { get; init; } = 3000;

    [Option("optimiser of the trained networks, by registry name, with its hyperparameters other than the learning rate at their defaults",
        ChoicesFrom = typeof(OptimizerNames))]
    public string Optimizer { get; init; } = "adam";

    [Option("learning rate of the trained networks", Min = 1e-6, Max = 10)]
    public double LearningRate { get; init; } = 0.01;

    [Option("decay the learning rate to 0 on a cosine over the steps (off: constant)")]
    public bool CosineDecay { get; init; } = true;

    [Option("training loss at the training points: mse (squared error) or mae (absolute error, the error reported)", Choices = ["mse", "mae"])]
    public string TrainLoss { get; init; } = "mse";

    [Option("trained networks per width or architecture (different initialisations); the smallest exact error is reported", Min = 1, Max = 100)]
    public int TrainRestarts { get; init; } = 2;

    [Option("evenly spaced training points on the interval", Min = 16, Max = 1_000_000, Unit = "points",
        Derived = "32 per linear piece of Δᵏ, 32 × 2^depth, and at least 4 per piece of the largest Δᵏ of family_k")]
    public int TrainPoints { get => _trainPoints ?? (int)Math.Min(1_000_000, Math.Max(32L << Depth, FamilyK.Length == 0 ? 0 : 4L << FamilyK.Max())); init => _trainPoints = value; }

    private readonly int? _trainPoints;

    [Option("k of the Δᵏ fitted by the trained deep-narrow and shallow-wide families (empty: no families)", Min = 1, Max = 12, AllowEmpty = true)]
    public int[] FamilyK { get; init; } = [2, 3, 4, 5, 6];

    [Option("units per hidden layer of the deep-narrow family", Min = 1, Max = 256, Unit = "units")]
    public int FamilyWidth { get; init; } = 8;

    [Option("hidden layers of the deep-narrow family; each sets a parameter budget, and the shallow network gets the width whose 3m + 1 parameters are nearest", Min = 2, Max = 32, Unit = "layers")]
    public int[] FamilyDepths { get; init; } = [2, 3, 4];

    [Option("standard deviation σ_b of the initial biases of the families (weights N(0, 2/fan-in), input centred on the interval), Hanin and Rolnick's initialisation", Min = 1e-3, Max = 100)]
    public double BiasStd { get; init; } = 1;

    [Option("random networks drawn per depth and width for the pieces-versus-depth figure (weights N(0, 2/fan-in), biases N(0, 1))", Min = 0, Max = 100_000)]
    public int RandomNets { get; init; } = 20;

    [Option("hidden widths of those random networks (2 is the deep construction's width)", Min = 1, Max = 1024, Unit = "units")]
    public int[] RandomWidths { get; init; } = [2, 16];

    /// <summary>Upper limit on the free-knot search's work (grid cells integrated), about half a minute on one core.</summary>
    internal const double MaxSearchWork = 1e9;

    /// <summary>Linear pieces of Δᵏ on the interval (the interval must be ordered).</summary>
    internal long Pieces => TentMap.PieceCount(Depth, IntervalStart, IntervalEnd);

    /// <summary>Linear pieces on the interval of the largest Δᵏ of <see cref="FamilyK"/> (which must not be empty).</summary>
    internal long FamilyPieces => TentMap.PieceCount(FamilyK.Max(), IntervalStart, IntervalEnd);

    /// <summary>Grid cells the free-knot search integrates: segments between nodes times a third of the knots they span on average.</summary>
    internal double SearchWork => SearchWorkWith(FitValueLevels, Pieces);

    private double SearchWorkWith(int valueLevels, long pieces) =>
        new FreeKnotGrid(FitKnotsPerPiece, valueLevels).Segments(pieces) * ((double)pieces * FitKnotsPerPiece) / 3.0;

    /// <summary>The most value levels up to 16 whose search of Δᵏ on [0, 1] (the most pieces any interval has) stays within the limit; 1 if none does.</summary>
    private int LevelsWithinWorkLimit() =>
        Enumerable.Range(1, 16).Reverse().FirstOrDefault(levels => SearchWorkWith(levels, 1L << Depth) <= MaxSearchWork, 1);
}

/// <summary>
/// Telgarsky's sawtooth: the tent map composed k times is computed exactly by k layers of 2 ReLU units (6k + 1
/// parameters) and has 2ᵏ linear pieces, counted here by exact breakpoint enumeration; a one-hidden-layer network
/// of width m has at most m + 1 pieces, so it needs width of order 2ᵏ to approximate Δᵏ. The best shallow networks
/// are found by an exact search over a grid of knots and values, bracketed below by a proven lower bound (counting
/// teeth, and pairing points half a tooth apart), and compared with what training finds. Trained deep-narrow and
/// shallow-wide families of equal parameter count (<see cref="SawtoothFamilies"/>) show what gradient descent makes of
/// the separation.
/// </summary>
public sealed partial class Sawtooth : Experiment<SawtoothOptions>
{
    /// <summary>Evenly spaced points at which the TorchSharp module is checked against the iterated map.</summary>
    private const int TorchCheckPoints = 4097;

    public override string Id => "sawtooth";
    public override string Title => "Depth separation: Telgarsky's sawtooth";
    public override Topic Topic => Topic.Expressivity;
    public override IReadOnlyList<string> Papers => ["telgarsky2015representation", "telgarsky2016benefits", "hanin2019complexity", "malach2019deeper"];

    public override string Summary =>
        "The tent map Δ composed k times is computed exactly by k hidden layers of 2 ReLU units and has 2ᵏ linear pieces, " +
        "counted exactly by enumerating breakpoints; a network of l layers of m units has at most (2m)ˡ pieces. One-hidden-layer " +
        "networks of width m (at most m + 1 pieces) are fitted to Δᵏ by an exact free-knot search and by training, and their mean " +
        "absolute error is set against their parameter count and a proven lower bound. Deep-narrow and shallow-wide networks of " +
        "equal parameter count are trained on Δᵏ for several k, and their pieces, counted exactly at initialisation and after " +
        "training, are set against Π(m_l + 1), (2m)ˡ and Hanin and Rolnick's linear-in-neurons bound.";

    public override SawtoothOptions Quick => new()
    {
        Depth = 4,
        ShallowWidths = [1, 2, 4, 6, 8, 12, 16],
        FitKnotsPerPiece = 2,
        FitValueLevels = 8,
        TrainSteps = 600,
        // A constant step: in 600 steps a cosine decay leaves the narrow shallow networks short of undoing their large
        // initial output weights (errors above the constant's ¼).
        CosineDecay = false,
        TrainRestarts = 1,
        RandomNets = 5,
        FamilyK = [3, 6],
        FamilyDepths = [2, 3],
    };

    protected override IEnumerable<string> Inconsistencies(SawtoothOptions o)
    {
        if (!(o.IntervalStart < o.IntervalEnd))
            yield return $"interval_start ({o.IntervalStart}) must be below interval_end ({o.IntervalEnd}).";
        else if (o.ShallowComparison && o.SearchWork > SawtoothOptions.MaxSearchWork)
            yield return $"the free-knot search for depth {o.Depth} would integrate about {o.SearchWork:E1} grid cells (limit {SawtoothOptions.MaxSearchWork:E0}); " +
                "lower fit_knots_per_piece or fit_value_levels, or set shallow_comparison=false to count pieces only.";
        if (o.ShallowComparison && o.TrainSteps > 0 && o.TrainPoints < 4 * o.Pieces)
            yield return $"train_points ({o.TrainPoints}) should give at least 4 points per linear piece of Δᵏ ({o.Pieces} pieces): raise it to {4 * o.Pieces} or more.";
        if (TrainsFamilies(o) && o.IntervalStart < o.IntervalEnd && o.TrainPoints < 4 * o.FamilyPieces)
            yield return $"train_points ({o.TrainPoints}) should give at least 4 points per linear piece of the largest Δᵏ of family_k ({o.FamilyPieces} pieces): raise it to {4 * o.FamilyPieces} or more.";
    }

    public override CostEstimate EstimateCost(SawtoothOptions o)
    {
        double enumerated = Math.ScaleB(2, o.Depth) + (double)o.RandomNets * o.RandomWidths.Length * o.Depth * 20;
        double steps = o.ShallowComparison ? (double)o.TrainSteps * o.TrainRestarts * o.ShallowWidths.Length : 0;
        if (TrainsFamilies(o)) steps += 2.0 * o.TrainSteps * o.TrainRestarts * o.FamilyK.Distinct().Count() * o.FamilyDepths.Distinct().Count();
        double seconds = CostCalibration.Sawtooth.SecondsPerLinearPiece * enumerated + (o.ShallowComparison ? CostCalibration.Sawtooth.SecondsPerSearchUnit * o.SearchWork : 0)
            + CostCalibration.Sawtooth.SecondsPerTrainingStep * steps + 2;
        return new CostEstimate((long)(enumerated + steps), "linear pieces and training steps", TimeSpan.FromSeconds(seconds));
    }

    public override ExperimentResult Run(SawtoothOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: the deep network for Δᵏ and the largest deviation of
    /// its TorchSharp module from the iterated map, the pieces counted by depth, the shallow comparison (null when it is
    /// off) and the trained families (null when none are trained).
    /// </summary>
    private sealed record Measurement(ReluNetwork Deep, PieceCounts Pieces, double TorchDeviation, ShallowComparison? Shallow, SawtoothFamilies.Measurement? Families);

    /// <summary>Exact piece counts of Δʲ's network for j = 1..k, and the mean and largest of the random networks' counts, per width, at each depth j.</summary>
    private sealed record PieceCounts(double[] Measured, Dictionary<int, (double[] Mean, double[] Max)> Random);

    /// <summary>
    /// Δᵏ as the deep network computes it; the best network the free-knot search found at each width up to
    /// <paramref name="Searched"/>; the listed widths with the best trained network at each (null when training is
    /// off); and the deep network's exact error.
    /// </summary>
    private sealed record ShallowComparison(PiecewiseLinearFunction Target, IReadOnlyList<ShallowFit> Fits, int Searched, int[] Widths,
        Dictionary<int, (double Error, PiecewiseLinearFunction Function)>? Trained, double DeepError);

    private static Measurement Measure(SawtoothOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var deep = TentMap.Network(o.Depth);
        var pieces = CountPieces(o, context);
        double deviation = TorchDeviation(deep, o.Depth, o.IntervalStart, o.IntervalEnd, device);
        var shallow = o.ShallowComparison ? CompareShallow(o, context, device, deep) : null;
        var families = TrainsFamilies(o) ? SawtoothFamilies.Measure(o, context, device) : null;
        return new Measurement(deep, pieces, deviation, shallow, families);
    }

    /// <summary>How every network of the experiment is trained.</summary>
    internal static GradientFitSettings FitSettings(SawtoothOptions o) =>
        new(o.TrainSteps, o.LearningRate, o.TrainPoints, o.Optimizer, SquaredError: o.TrainLoss == "mse", CosineDecay: o.CosineDecay);

    private static bool TrainsFamilies(SawtoothOptions o) => o.TrainSteps > 0 && o.FamilyK.Length > 0;

    /// <summary>Counts of Δʲ's pieces for j = 1..k and of random networks of the same depth.</summary>
    private static PieceCounts CountPieces(SawtoothOptions o, RunContext context)
    {
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd;
        var widths = o.RandomWidths.Distinct().ToArray();
        var measured = new double[k];
        var random = widths.ToDictionary(w => w, _ => (Mean: new double[k], Max: new double[k]));
        var rng = context.Random("random networks");
        using var task = context.Progress.Start("counting linear pieces", k);
        for (int j = 1; j <= k; j++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            measured[j - 1] = LinearPieces.Count(TentMap.Network(j), a, b, context.Cancellation);
            foreach (int w in widths)
            {
                var counts = Enumerable.Range(0, o.RandomNets)
                    .Select(_ => (double)LinearPieces.Count(ReluNetwork.Random(Enumerable.Repeat(w, j).ToArray(), rng), a, b, context.Cancellation))
                    .DefaultIfEmpty(double.NaN).ToArray();
                random[w].Mean[j - 1] = counts.Average();
                random[w].Max[j - 1] = counts.Max();
            }
            task.Advance(1, $"Δ^{j}: {measured[j - 1]:N0} pieces");
        }
        return new PieceCounts(measured, random);
    }

    private static double TorchDeviation(ReluNetwork deep, int k, double a, double b, Device device)
    {
        using var scope = NewDisposeScope();
        using var module = ReluNetworkModule.Create(deep, ScalarType.Float64, device);
        var xs = Enumerable.Range(0, TorchCheckPoints).Select(i => a + (b - a) * i / (TorchCheckPoints - 1)).ToArray();
        using var noGrad = no_grad();
        var output = module.forward(tensor(xs, dtype: ScalarType.Float64, device: device).reshape(-1, 1)).cpu().data<double>().ToArray();
        return xs.Select((x, i) => Math.Abs(output[i] - TentMap.Iterate(x, k))).Max();
    }

    private static ShallowComparison CompareShallow(SawtoothOptions o, RunContext context, Device device, ReluNetwork deep)
    {
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd;
        var target = LinearPieces.Function(deep, a, b, context.Cancellation);
        int exactWidth = target.PieceCount;
        int searched = Math.Min(o.ShallowWidths.Max(), exactWidth);

        IReadOnlyList<ShallowFit> fits;
        using (var task = context.Progress.Start("free-knot search", 1))
        {
            fits = FreeKnotFit.BestByWidth(target, searched, new FreeKnotGrid(o.FitKnotsPerPiece, o.FitValueLevels), context.Cancellation);
            task.Advance(1, $"widths 1–{searched}");
        }

        var widths = o.ShallowWidths.Distinct().Order().ToArray();
        var trained = Train(o, context, device, target, widths);
        return new ShallowComparison(target, fits, searched, widths, trained, target.MeanAbsoluteDistance(TentMap.Exact(k, a, b)));
    }

    private static Dictionary<int, (double Error, PiecewiseLinearFunction Function)>? Train(
        SawtoothOptions o, RunContext context, Device device, PiecewiseLinearFunction target, int[] widths)
    {
        if (o.TrainSteps == 0) return null;
        var settings = FitSettings(o);
        var trained = new Dictionary<int, (double Error, PiecewiseLinearFunction Function)>();
        using var task = context.Progress.Start("training shallow networks", widths.Length * o.TrainRestarts);
        foreach (int m in widths)
        {
            (double Error, PiecewiseLinearFunction Function) best = (double.PositiveInfinity, target);
            for (int r = 0; r < o.TrainRestarts; r++)
            {
                var net = GradientFit.TrainShallow(target, m, settings, context.Random($"train width {m} restart {r}"), device, context.Cancellation);
                var function = LinearPieces.Function(net, target.Start, target.End, context.Cancellation);
                double error = function.MeanAbsoluteDistance(target);
                if (error < best.Error) best = (error, function);
                task.Advance(1, $"width {m}: error {error:F4}");
            }
            trained[m] = best;
        }
        return trained;
    }
}
