using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Numerics;
using TheoryLab.Options;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>Options of <see cref="YarotskySquare"/>. The paper states theorems, not a numerical setting; the defaults show them over a wide range.</summary>
public sealed record YarotskySquareOptions
{
    [Option("Sawtooth levels m of the square network f_m; the sweep runs m = 1..M.", Min = 1, Max = 20, Unit = "m")]
    public int M { get; init; } = 10;

    [Option("Largest m of the product network P_m checked on a grid of [0,1]² (the grid has (2^{m+2}+1)² points).", Min = 1, Max = 8, Unit = "m")]
    public int ProductM { get; init; } = 7;

    [Option("Smooth target approximated to accuracy ε: x², the polynomial with the given coefficients, or sin(πx).", Choices = ["square", "polynomial", "sin"])]
    public string Target { get; init; } = "sin";

    [Option("Coefficients a₀, a₁, … (ascending powers) of the polynomial target.", Min = -100, Max = 100)]
    public double[] Coefficients { get; init; } = [0, 0, 0, 1];

    [Option("Accuracies ε the smooth target is approximated to (sup norm on [0,1]).", Min = 1e-12, Max = 0.5, Unit = "ε")]
    public double[] Epsilons { get; init; } = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7];

    [Option("Order n of the local Taylor polynomials in the partition-of-unity construction (Yarotsky's Theorem 1 for smoothness n): N grows like ε^(−1/n). 0 skips it.", Min = 0, Max = 10, Unit = "n")]
    public int PartitionOrder { get; init; } = 4;

    [Option("Accuracies ε of the partition-of-unity construction; its sup error is measured exactly over all its linear pieces.", Min = 1e-10, Max = 0.5, Unit = "ε")]
    public double[] PartitionEpsilons { get; init; } = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

    [Option("Points of the uniform grid on [0,1] where the sup error of composite networks is measured.", Min = 1025, Max = 4_194_305)]
    public int GridPoints { get; init; } = 262_145;
}

/// <summary>
/// Yarotsky (2017): a ReLU network of depth and size O(m) computes the interpolant f_m of x² at 2^m + 1 points,
/// so sup|x² − f_m| = 2^{−2m−2} with O(log 1/ε) weights, where a one-hidden-layer network needs one unit per
/// piece (2^m of them). Squares give products by polarisation, products give polynomials, and Taylor polynomials
/// give smooth functions, each with depth growing like log(1/ε).
/// </summary>
public sealed partial class YarotskySquare : Experiment<YarotskySquareOptions>
{
    public override string Id => "yarotsky-square";
    public override string Title => "Deep ReLU networks approximate x², products and smooth functions exponentially fast (Yarotsky 2017)";
    public override Topic Topic => Topic.Expressivity;
    public override IReadOnlyList<string> Papers => ["yarotsky2017error", "telgarsky2016benefits"];
    public override string Summary =>
        "Builds Yarotsky's networks weight by weight as TorchSharp modules: f_m(x) = x − Σ g_s(x)/4^s from sawtooth layers, " +
        "whose exact error against x² is 2^{−2m−2}; the product network from squares; and networks for a smooth target whose " +
        "depth grows like log(1/ε), compared with one-hidden-layer interpolants that need about ε^(−1/2) weights; and Yarotsky's " +
        "partition-of-unity network (local Taylor polynomials of order n times trapezoids), whose exact sup error meets ε with depth " +
        "O(log 1/ε) and O(ε^(−1/n) log 1/ε) weights.";

    public override YarotskySquareOptions Quick => Defaults with
    {
        M = 5,
        ProductM = 3,
        Epsilons = [1e-1, 1e-2, 1e-3],
        PartitionOrder = 3,
        PartitionEpsilons = [1e-1, 1e-2, 1e-3, 1e-4],
        GridPoints = 4097,
    };

    /// <summary>
    /// The networks are built (cheaply) to count the work: evaluating every network on the grid (per point and dense
    /// weight) dominates; the partition-of-unity networks cost the enumeration of each branch's pieces on its support,
    /// about its units times its 2^m pieces per cell.
    /// </summary>
    public override CostEstimate EstimateCost(YarotskySquareOptions o)
    {
        var target = SmoothTarget.Named(o.Target, o.Coefficients);
        double curvature = target.CurvatureBound;
        double gridWeights = Enumerable.Range(1, o.M).Sum(m => (double)YarotskyCircuits.Square(m).DenseParameters);
        foreach (double epsilon in o.Epsilons)
        {
            int pieces = ShallowPieces(curvature, epsilon);
            gridWeights += target.Approximate(epsilon).Circuit.DenseParameters + YarotskyCircuits.ShallowInterpolant(target.Value, pieces).DenseParameters;
        }
        double pointWeights = o.GridPoints * gridWeights
            + Enumerable.Range(1, o.ProductM).Sum(m => Math.Pow((1 << (m + 2)) + 1, 2) * YarotskyCircuits.Product(m).DenseParameters);
        var partitionEpsilons = o.PartitionOrder > 0 ? o.PartitionEpsilons.Distinct().ToArray() : [];
        double pieceUnits = 0;
        foreach (double epsilon in partitionEpsilons)
        {
            var network = YarotskyPartition.Approximate(target, o.PartitionOrder, epsilon);
            pieceUnits += network.Branches.Sum(b => (double)b.Units) * Math.ScaleB(1, network.Levels);
        }
        int networks = o.M + 2 * o.Epsilons.Length + o.ProductM + partitionEpsilons.Length;
        double seconds = pointWeights * CostCalibration.YarotskySquare.SecondsPerPointWeight + pieceUnits * CostCalibration.YarotskySquare.SecondsPerPieceUnit + 0.5;
        return new CostEstimate(networks, "networks", TimeSpan.FromSeconds(seconds));
    }

    /// <summary>Pieces of the uniform one-hidden-layer interpolant whose error max|f''|/(8N²) is at most ε.</summary>
    private static int ShallowPieces(double curvature, double epsilon) => Math.Max(1, (int)Math.Ceiling(Math.Sqrt(curvature / (8 * epsilon))));

    protected override IEnumerable<string> Inconsistencies(YarotskySquareOptions o)
    {
        if (o.Target == "polynomial" && o.Coefficients.Length > 12)
            yield return "give at most 12 coefficients (degree 11): each degree adds a product network to the depth.";
    }

    public override ExperimentResult Run(YarotskySquareOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: every square network f_m, the first f_m at
    /// <paramref name="ApproximantXs"/> (one array per m), the product networks' sup errors on their grids (m = 1, 2, …),
    /// the smooth target with its deep and shallow networks for each ε, and the partition-of-unity networks (null when
    /// skipped).
    /// </summary>
    private sealed record Measurement(List<SquareNetwork> Squares, double[] ApproximantXs, List<double[]> Approximants, double[] ProductErrors,
        SmoothTarget Target, List<SmoothNetworks> Smooth, List<YarotskyPartitionSweep.Construction>? Partition);

    /// <summary>
    /// The square network f_m: its sup error against x² maximised exactly on each of its linear pieces and sampled on
    /// the grid, its largest gap on the grid from the formula, its nonzero weights against those of the one-hidden-layer
    /// network equal to it, its hidden layers and its pieces.
    /// </summary>
    private sealed record SquareNetwork(int M, double Exact, double Sampled, double FormulaGap, long DeepWeights, long ShallowWeights, int HiddenLayers, int Pieces);

    /// <summary>
    /// The deep network and the one-hidden-layer interpolant of <see cref="ShallowPieces"/> pieces that approximate the
    /// smooth target to ε: their sizes, sup errors on the grid and proven bounds.
    /// </summary>
    private sealed record SmoothNetworks(double Epsilon, int Levels, int Degree, int HiddenLayers, long DeepWeights, double DeepError, double DeepBound,
        int ShallowUnits, long ShallowWeights, double ShallowError, double ShallowBound);

    private static Measurement Measure(YarotskySquareOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var grid = Enumerable.Range(0, o.GridPoints).Select(i => i / (o.GridPoints - 1.0)).ToArray();

        var squares = SquareSweep(o, grid, context);
        var xs = Enumerable.Range(0, 513).Select(i => i / 512.0).ToArray();
        List<double[]> approximants = [.. Enumerable.Range(1, Math.Min(o.M, 3)).Select(m => Evaluate(YarotskyCircuits.Square(m), xs))];
        var product = ProductSweep(o, context);
        var target = SmoothTarget.Named(o.Target, o.Coefficients);
        var smooth = SmoothSweep(o, target, grid, context);
        var partition = o.PartitionOrder > 0 && o.PartitionEpsilons.Length > 0 ? YarotskyPartitionSweep.Measure(o, target, context) : null;
        return new Measurement(squares, xs, approximants, product, target, smooth, partition);
    }

    private static List<SquareNetwork> SquareSweep(YarotskySquareOptions o, double[] grid, RunContext context)
    {
        var rows = new List<SquareNetwork>();
        using var task = context.Progress.Start("square networks f_m", o.M);
        for (int m = 1; m <= o.M; m++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var circuit = YarotskyCircuits.Square(m);
            var (function, exact) = ExactSquare(m, context.Cancellation);
            var onGrid = Evaluate(circuit, grid);
            double sampled = 0, gap = 0;
            for (int i = 0; i < grid.Length; i++)
            {
                sampled = Math.Max(sampled, Math.Abs(onGrid[i] - grid[i] * grid[i]));
                gap = Math.Max(gap, Math.Abs(onGrid[i] - YarotskyCircuits.SquareApproximation(m, grid[i])));
            }
            long shallow = YarotskyCircuits.ShallowInterpolant(x => x * x, function.PieceCount).NonzeroParameters;
            rows.Add(new SquareNetwork(m, exact, sampled, gap, circuit.NonzeroParameters, shallow, circuit.HiddenLayers, function.PieceCount));
            task.Advance(1, $"m {m}: error {exact:G3}");
        }
        return rows;
    }

    /// <summary>
    /// The square network f_m as its own linear pieces, enumerated exactly from its weights, and its sup error against x²
    /// maximised on each piece. Pure computation, in milliseconds up to m ≈ 12: the explorer draws it as the slider moves.
    /// </summary>
    public static (PiecewiseLinearFunction Pieces, double MaxError) ExactSquare(int m, CancellationToken cancellation = default)
    {
        var function = LinearPieces.Function(YarotskyCircuits.Square(m).ToReluNetwork(), 0, 1, cancellation);
        var knots = function.Breakpoints.ToArray();
        return (function, SquareDeviation.Max(knots, [.. Enumerable.Range(0, knots.Length).Select(function.ValueAtBreakpoint)]));
    }

    /// <summary>The sup error of the product network P_m for m = 1..product_m, on the grid of spacing 2^−(m+2) on [0,1]².</summary>
    private static double[] ProductSweep(YarotskySquareOptions o, RunContext context)
    {
        var errors = new List<double>();
        using var task = context.Progress.Start("product networks", o.ProductM);
        for (int m = 1; m <= o.ProductM; m++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            int side = (1 << (m + 2)) + 1;
            using var scope = NewDisposeScope();
            using var module = YarotskyCircuits.Product(m).ToModule();
            var axis = linspace(0, 1, side, dtype: float64);
            var mesh = meshgrid([axis, axis], indexing: "ij");
            var points = stack([mesh[0].flatten(), mesh[1].flatten()], dim: 1);
            Tensor output;
            using (no_grad()) output = module.forward(points).squeeze(1);
            double error = (output - points.select(1, 0) * points.select(1, 1)).abs().max().AsDouble();
            errors.Add(error);
            task.Advance(1, $"m {m}: error {error:G3}");
        }
        return [.. errors];
    }

    private static List<SmoothNetworks> SmoothSweep(YarotskySquareOptions o, SmoothTarget target, double[] grid, RunContext context)
    {
        var exact = grid.Select(target.Value).ToArray();
        double curvature = target.CurvatureBound;
        var rows = new List<SmoothNetworks>();
        using var task = context.Progress.Start($"networks for {target.Formula}", o.Epsilons.Length);
        foreach (double epsilon in o.Epsilons.OrderByDescending(e => e))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var deep = target.Approximate(epsilon);
            double deepError = SupDistance(Evaluate(deep.Circuit, grid), exact);
            int pieces = ShallowPieces(curvature, epsilon);
            var shallow = YarotskyCircuits.ShallowInterpolant(target.Value, pieces);
            double shallowError = SupDistance(Evaluate(shallow, grid), exact);
            rows.Add(new SmoothNetworks(epsilon, deep.Levels, deep.Degree, deep.Circuit.HiddenLayers, deep.Circuit.NonzeroParameters,
                deepError, deep.ErrorBound, pieces, shallow.NonzeroParameters, shallowError, curvature / (8.0 * pieces * pieces)));
            task.Advance(1, $"ε {epsilon:G2}: depth {deep.Circuit.HiddenLayers}, error {deepError:G3}");
        }
        return rows;
    }

    /// <summary>The circuit's outputs at the given inputs, through its TorchSharp module in float64, in chunks that keep activations small.</summary>
    private static double[] Evaluate(ReluCircuit circuit, double[] xs)
    {
        using var module = circuit.ToModule();
        using var noGrad = no_grad();
        // Every layer's activations stay alive until the chunk's scope ends: bound their total, not the widest layer.
        int chunk = (int)Math.Max(256, 8_000_000 / (circuit.Units + 1));
        var outputs = new double[xs.Length];
        for (int start = 0; start < xs.Length; start += chunk)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(chunk, xs.Length - start);
            var values = module.forward(tensor(xs[start..(start + n)], dtype: float64).unsqueeze(1)).squeeze(1).data<double>().ToArray();
            Array.Copy(values, 0, outputs, start, n);
        }
        return outputs;
    }

    private static double SupDistance(double[] a, double[] b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
