using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Options;
using TheoryLab.Tables;
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
public sealed class Sawtooth : Experiment<SawtoothOptions>
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

    public override ExperimentResult Run(SawtoothOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var result = new ExperimentResult();
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd;
        var deep = TentMap.Network(k);

        var pieces = PiecesVersusDepth(o, context);
        result.Add(pieces);
        long counted = (long)pieces.Numbers("measured")[^1];
        result.Add(new Finding("linear_pieces", counted, "pieces",
            $"Linear pieces of the deep network (Δ composed {k} times) on [{a}, {b}], by exact breakpoint enumeration.",
            TentMap.PieceCount(k, a, b), "theory: Δᵏ has 2ᵏ linear pieces on [0, 1] (telgarsky2016benefits)"));
        result.Add(new Finding("pieces_bound", deep.PieceBound, "pieces",
            $"Telgarsky's bound (2m)ˡ for l = {k} layers of m = 2 units."));
        result.Add(new Finding("deep_parameters", deep.ParameterCount, "parameters",
            $"Weights and biases of the deep network for Δᵏ, k = {k} ({k} hidden layers of 2 ReLU units).",
            TentMap.ParameterCount(k), "theory: 4 + 6(k − 1) + 3 = 6k + 1"));
        result.Add(new Finding("deep_torch_max_deviation", TorchDeviation(deep, k, a, b, device), "1",
            $"Largest |module(x) − Δᵏ(x)| of the float64 TorchSharp module at {TorchCheckPoints} evenly spaced points, against the iterated map.",
            0, "theory: the network computes Δᵏ exactly"));
        foreach (int width in o.RandomWidths.Distinct())
            result.Add(new Finding($"random_pieces_mean_width_{width}", pieces.Numbers($"random_mean_w{width}")[^1], "pieces",
                $"Mean linear pieces on [{a}, {b}] of {o.RandomNets} random networks of {k} layers of {width} units (hanin2019complexity: far below the maximum)."));

        var comparison = o.ShallowComparison ? CompareShallow(o, context, device, deep, result) : null;
        AddFigures(o, result, comparison);
        if (TrainsFamilies(o)) SawtoothFamilies.Run(o, context, device, result);
        return result;
    }

    /// <summary>How every network of the experiment is trained.</summary>
    internal static GradientFitSettings FitSettings(SawtoothOptions o) =>
        new(o.TrainSteps, o.LearningRate, o.TrainPoints, o.Optimizer, SquaredError: o.TrainLoss == "mse", CosineDecay: o.CosineDecay);

    private static bool TrainsFamilies(SawtoothOptions o) => o.TrainSteps > 0 && o.FamilyK.Length > 0;

    /// <summary>Counts of Δʲ's pieces for j = 1..k, with theory, the (2m)ˡ bound and random networks of the same depth.</summary>
    private static Table PiecesVersusDepth(SawtoothOptions o, RunContext context)
    {
        int k = o.Depth;
        double a = o.IntervalStart, b = o.IntervalEnd;
        var widths = o.RandomWidths.Distinct().ToArray();
        var measured = new double[k];
        var random = widths.ToDictionary(w => w, _ => (Mean: new double[k], Max: new double[k]));
        var rng = context.Random("random networks");
        using (var task = context.Progress.Start("counting linear pieces", k))
        {
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
        }
        var depths = Enumerable.Range(1, k).ToArray();
        var table = new Table("pieces-vs-depth")
            .Add("depth", depths.Select(j => (double)j))
            .Add("measured", measured)
            .Add("theory", depths.Select(j => (double)TentMap.PieceCount(j, a, b)))
            .Add("bound", depths.Select(j => TentMap.Network(j).PieceBound));
        foreach (int w in widths)
            table.Add($"random_mean_w{w}", random[w].Mean).Add($"random_max_w{w}", random[w].Max);
        return table;
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

    /// <summary>The tables of the shallow comparison that its figures draw: errors by width, and the functions of one width.</summary>
    private sealed record ShallowTables(Table Errors, Table Curves);

    private ShallowTables CompareShallow(SawtoothOptions o, RunContext context, Device device, ReluNetwork deep, ExperimentResult result)
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
        ShallowFit FitFor(int m) => fits[Math.Min(m, searched) - 1];

        var widths = o.ShallowWidths.Distinct().Order().ToArray();
        var trained = Train(o, context, device, target, widths);
        var table = new Table("shallow")
            .Add("width", widths.Select(m => (double)m))
            .Add("parameters", widths.Select(m => (double)ShallowRelu.ParameterCount(m)))
            .Add("best_found", widths.Select(m => FitFor(m).MeanAbsoluteError))
            .Add("lower_bound", widths.Select(m => TentMap.MeanAbsoluteErrorLowerBound(k, m + 1, a, b)))
            .Add("found_pieces", widths.Select(m => (double)FitFor(m).Function.PieceCount));
        if (trained is not null) table.Add("trained", widths.Select(m => trained[m].Error));
        result.Add(table);

        int boundWidths = Math.Max(widths.Max(), (int)Math.Min(exactWidth, int.MaxValue));
        var boundRange = Enumerable.Range(1, boundWidths).ToArray();
        result.Add(new Table("bound")
            .Add("width", boundRange.Select(m => (double)m))
            .Add("parameters", boundRange.Select(m => (double)ShallowRelu.ParameterCount(m)))
            .Add("lower_bound", boundRange.Select(m => TentMap.MeanAbsoluteErrorLowerBound(k, m + 1, a, b))));
        result.Add(new Table("deep")
            .Add("width", [2.0])
            .Add("parameters", [(double)deep.ParameterCount])
            .Add("error", [target.MeanAbsoluteDistance(TentMap.Exact(k, a, b))]));
        int shown = widths.MinBy(m => Math.Abs(m - exactWidth / 2.0));
        var curves = Curves(target, shown, FitFor(shown), trained?[shown].Function);
        result.Add(curves);

        AddShallowFindings(o, result, fits, trained, widths, deep, exactWidth);
        return new ShallowTables(table, curves);
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

    /// <summary>
    /// Δᵏ, the best-found network and the trained one at the listed width nearest 2ᵏ⁻¹, tabulated at the union of
    /// their breakpoints: a line drawn through these points is each function exactly.
    /// </summary>
    private static Table Curves(PiecewiseLinearFunction target, int width, ShallowFit fit, PiecewiseLinearFunction? trained)
    {
        var functions = new List<(string Column, PiecewiseLinearFunction Function)> { ("delta_k", target), ($"fit_w{width}", fit.Function) };
        if (trained is not null) functions.Add(($"trained_w{width}", trained));
        var xs = functions.SelectMany(f => f.Function.Breakpoints).Distinct().Order().ToArray();
        var table = new Table("curves").Add("x", xs);
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

    private static void AddFigures(SawtoothOptions o, ExperimentResult result, ShallowTables? comparison)
    {
        int k = o.Depth;
        var pieceSeries = new List<Series>
        {
            new Line("pieces-vs-depth", "depth", "theory", "2ᵏ (theory)"),
            new Markers("pieces-vs-depth", "depth", "measured", "Δᵏ network, enumerated"),
            new Line("pieces-vs-depth", "depth", "bound", "(2m)ˡ bound, m = 2", Dashed: true),
        };
        pieceSeries.AddRange(o.RandomWidths.Distinct().Select(w => (Series)new Markers("pieces-vs-depth", "depth", $"random_mean_w{w}", $"random nets, width {w} (mean)")));
        result.Add(new Figure("pieces-vs-depth",
            "Linear pieces of Δᵏ (k hidden layers of 2 ReLU units) against depth, counted by exact breakpoint enumeration, with 2ᵏ, Telgarsky's (2m)ˡ bound and random networks of the same depth.",
            new Axis("depth k (hidden layers)"), new Axis("linear pieces", Log: true), pieceSeries)
        { Legend = LegendPlace.UpperLeft });

        if (comparison is null) return;
        var (shallow, curves) = comparison;
        bool trained = shallow.Has("trained");

        string delta = "Δ" + Superscript(k);
        var fitSeries = new List<Series> { new Line(curves.Name, "x", "delta_k", $"{delta}: deep net, {k} layers × 2 units") };
        foreach (var column in curves.ColumnNames.Where(c => c.StartsWith("fit_w", StringComparison.Ordinal)))
            fitSeries.Add(new Line(curves.Name, "x", column, $"best width-{column[5..]} net found", Dashed: true));
        foreach (var column in curves.ColumnNames.Where(c => c.StartsWith("trained_w", StringComparison.Ordinal)))
            fitSeries.Add(new Line(curves.Name, "x", column, $"width-{column[9..]} net, trained"));
        result.Add(new Figure("sawtooth-fits",
            $"{delta} and one-hidden-layer ReLU networks of the listed width nearest 2ᵏ⁻¹: the best found by the free-knot grid search and one trained by {o.Optimizer}.",
            new Axis("x"), new Axis("f(x)", Min: -0.05, Max: 1.5), fitSeries)
        { Legend = LegendPlace.UpperRight });

        // Head room above the highest marker keeps the legend clear of the data.
        double highest = shallow.Numbers("best_found").Concat(trained ? shallow.Numbers("trained") : []).Max();
        var errorAxis = new Axis("mean |f − Δᵏ|", Min: -0.005, Max: 1.45 * highest);
        Series[] ErrorSeries(string x) =>
        [
            new Line("bound", x, "lower_bound", "lower bound, any width-m net"),
            new Markers(shallow.Name, x, "best_found", "best width-m net found"),
            .. trained ? [new Markers(shallow.Name, x, "trained", $"width-m net trained by {o.Optimizer}")] : Array.Empty<Series>(),
            new Markers("deep", x, "error", $"deep net, {k} layers × 2 units (exact)"),
        ];
        result.Add(new Figure("error-vs-parameters",
            $"Mean absolute error against {delta} of one-hidden-layer networks (3m + 1 parameters) and of the deep construction (6k + 1 parameters, exact).",
            new Axis("parameters P", Log: true), errorAxis, ErrorSeries("parameters"))
        { Legend = LegendPlace.UpperRight });
        result.Add(new Figure("error-vs-width",
            $"Mean absolute error against {delta} of one-hidden-layer networks by width m; the deep construction uses width 2 in each of its {k} layers.",
            new Axis("width m (units)"), errorAxis, ErrorSeries("width"))
        { Legend = LegendPlace.UpperRight });
    }

    private static string Superscript(int n) =>
        string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => "⁰¹²³⁴⁵⁶⁷⁸⁹"[d - '0']));
}
