using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Numerics;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
using TheoryLab.Torch;
using TorchSharp;
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
public sealed class YarotskySquare : Experiment<YarotskySquareOptions>
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

    public override ExperimentResult Run(YarotskySquareOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var result = new ExperimentResult();
        var grid = Enumerable.Range(0, o.GridPoints).Select(i => i / (o.GridPoints - 1.0)).ToArray();

        var square = SquareSweep(o, grid, context);
        var approximants = Approximants(Enumerable.Range(0, 513).Select(i => i / 512.0).ToArray(), Math.Min(o.M, 3));
        result.Add(square).Add(approximants);
        var product = ProductSweep(o, context);
        result.Add(product);
        var target = SmoothTarget.Named(o.Target, o.Coefficients);
        var smooth = SmoothSweep(o, target, grid, context);
        result.Add(smooth);

        AddSquareFindings(result, square, o.M);
        int pm = (int)product.Numbers("m")[^1];
        result.Add(new Finding("product_max_error", product.Numbers("max_error")[^1], "1",
            $"Largest |P_m(x,y) − xy| over a grid of spacing 2^−{pm + 2} on [0,1]² for the product network with m = {pm}.",
            YarotskyCircuits.ProductError(pm), "theory: xy = 2(u² − v² − w²) and 0 ≤ f_m − t² ≤ 4^{−m−1} give sup error 4^{−m}, attained at x = y = 2^{−m}"));
        AddSmoothFindings(result, smooth, target);
        AddFigures(result, target, square, approximants, product, smooth);
        if (o.PartitionOrder > 0 && o.PartitionEpsilons.Length > 0)
            YarotskyPartitionSweep.Run(o, target, context, result);
        return result;
    }

    private static Table SquareSweep(YarotskySquareOptions o, double[] grid, RunContext context)
    {
        var rows = new List<(double M, double Exact, double Theory, double Sampled, double FormulaGap, double Deep, double Shallow, double Depth, double Pieces)>();
        using var task = context.Progress.Start("square networks f_m", o.M);
        for (int m = 1; m <= o.M; m++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var circuit = YarotskyCircuits.Square(m);
            // The network's own linear pieces, enumerated exactly, and the error maximised on each.
            var function = LinearPieces.Function(circuit.ToReluNetwork(), 0, 1, context.Cancellation);
            var knots = function.Breakpoints.ToArray();
            double exact = SquareDeviation.Max(knots, Enumerable.Range(0, knots.Length).Select(function.ValueAtBreakpoint).ToArray());
            var onGrid = Evaluate(circuit, grid);
            double sampled = 0, gap = 0;
            for (int i = 0; i < grid.Length; i++)
            {
                sampled = Math.Max(sampled, Math.Abs(onGrid[i] - grid[i] * grid[i]));
                gap = Math.Max(gap, Math.Abs(onGrid[i] - YarotskyCircuits.SquareApproximation(m, grid[i])));
            }
            long shallow = YarotskyCircuits.ShallowInterpolant(x => x * x, function.PieceCount).NonzeroParameters;
            rows.Add((m, exact, YarotskyCircuits.SquareError(m), sampled, gap, circuit.NonzeroParameters, shallow, circuit.HiddenLayers, function.PieceCount));
            task.Advance(1, $"m {m}: error {exact:G3}");
        }
        return new Table("square")
            .Add("m", rows.Select(r => r.M))
            .Add("max_error", rows.Select(r => r.Exact))
            .Add("theory", rows.Select(r => r.Theory))
            .Add("sampled_max_error", rows.Select(r => r.Sampled))
            .Add("formula_gap", rows.Select(r => r.FormulaGap))
            .Add("deep_weights", rows.Select(r => r.Deep))
            .Add("shallow_weights", rows.Select(r => r.Shallow))
            .Add("hidden_layers", rows.Select(r => r.Depth))
            .Add("pieces", rows.Select(r => r.Pieces));
    }

    private static Table Approximants(double[] xs, int levels)
    {
        var table = new Table("approximants").Add("x", xs).Add("x_squared", xs.Select(x => x * x));
        for (int m = 1; m <= levels; m++) table.Add($"f_{m}", Evaluate(YarotskyCircuits.Square(m), xs));
        return table;
    }

    private static Table ProductSweep(YarotskySquareOptions o, RunContext context)
    {
        var ms = new List<double>();
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
            double error = (output - points.select(1, 0) * points.select(1, 1)).abs().max().ToDouble();
            ms.Add(m);
            errors.Add(error);
            task.Advance(1, $"m {m}: error {error:G3}");
        }
        return new Table("product").Add("m", ms).Add("max_error", errors).Add("theory", ms.Select(m => YarotskyCircuits.ProductError((int)m)));
    }

    private static Table SmoothSweep(YarotskySquareOptions o, SmoothTarget target, double[] grid, RunContext context)
    {
        var exact = grid.Select(target.Value).ToArray();
        double curvature = target.CurvatureBound;
        var table = new List<double[]>();
        using var task = context.Progress.Start($"networks for {target.Formula}", o.Epsilons.Length);
        foreach (double epsilon in o.Epsilons.OrderByDescending(e => e))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var deep = target.Approximate(epsilon);
            double deepError = SupDistance(Evaluate(deep.Circuit, grid), exact);
            int pieces = ShallowPieces(curvature, epsilon);
            var shallow = YarotskyCircuits.ShallowInterpolant(target.Value, pieces);
            double shallowError = SupDistance(Evaluate(shallow, grid), exact);
            table.Add([epsilon, Math.Log10(1 / epsilon), deep.Levels, deep.Degree, deep.Circuit.HiddenLayers, deep.Circuit.NonzeroParameters,
                deepError, deep.ErrorBound, pieces, shallow.NonzeroParameters, shallowError, curvature / (8.0 * pieces * pieces)]);
            task.Advance(1, $"ε {epsilon:G2}: depth {deep.Circuit.HiddenLayers}, error {deepError:G3}");
        }
        string[] names = ["epsilon", "log10_inverse_epsilon", "m", "degree", "hidden_layers", "deep_weights", "deep_error", "deep_bound",
            "shallow_units", "shallow_weights", "shallow_error", "shallow_bound"];
        var result = new Table("smooth");
        for (int c = 0; c < names.Length; c++) result.Add(names[c], table.Select(r => r[c]));
        var (intercept, slope) = LineFit(result.Numbers("log10_inverse_epsilon"), result.Numbers("hidden_layers"));
        return result.Add("depth_fit", result.Numbers("log10_inverse_epsilon").Select(x => intercept + slope * x));
    }

    private static void AddSquareFindings(ExperimentResult result, Table square, int m)
    {
        int last = square.RowCount - 1;
        const string source = "theory: Yarotsky (2017), Proposition 2 — f_m interpolates x² at k/2^m";
        result.Add(new Finding("max_error", square.Numbers("max_error")[last], "1",
            $"sup over [0,1] of |x² − f_m(x)| for the network with m = {m}, maximised exactly on each of its linear pieces (enumerated exactly).",
            YarotskyCircuits.SquareError(m), source));
        result.Add(new Finding("pieces", square.Numbers("pieces")[last], "pieces",
            $"Linear pieces of the network f_m on [0,1], m = {m}, by exact enumeration of its breakpoints.", 1 << m, "theory: f_m interpolates at the 2^m + 1 points k/2^m"));
        result.Add(new Finding("max_error_sampled", square.Numbers("sampled_max_error")[last], "1",
            $"Largest |x² − f_m(x)| over the uniform grid, m = {m}: an independent check of the exact value.", YarotskyCircuits.SquareError(m), source));
        result.Add(new Finding("network_formula_gap", square.Numbers("formula_gap")[last], "1",
            $"Largest difference on the grid between the TorchSharp network and the formula x − Σ g_s(x)/4^s, m = {m}.", 0, "theory: the network computes the formula exactly"));
        result.Add(new Finding("deep_weights", square.Numbers("deep_weights")[last], "weights",
            $"Nonzero weights and biases of the depth-{m} network f_m.", 8 * m - 1, "theory: 3 units per layer; 4 + 8(m − 1) + 3 nonzero entries"));
        result.Add(new Finding("shallow_weights", square.Numbers("shallow_weights")[last], "weights",
            $"Nonzero weights and biases of the one-hidden-layer network equal to f_m (one unit per piece, 2^{m} units).", 3 * (1 << m) - 1, "theory: a shallow ReLU net needs a unit per kink"));
    }

    private static void AddSmoothFindings(ExperimentResult result, Table smooth, SmoothTarget target)
    {
        var errors = smooth.Numbers("deep_error");
        var epsilons = smooth.Numbers("epsilon");
        int last = smooth.RowCount - 1;
        double within = Enumerable.Range(0, errors.Count).Count(i => errors[i] <= epsilons[i]) / (double)errors.Count;
        result.Add(new Finding("smooth_within_epsilon", within, "1",
            $"Fraction of the accuracies ε for which the deep network's measured sup error on {target.Formula} is at most ε.",
            1, "theory: Yarotsky (2017), Theorem 1 — the construction's error bound is at most ε"));
        result.Add(new Finding("smooth_max_error", errors[last], "1",
            $"Measured sup error of the deep network for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)} (grid).", null, null));
        result.Add(new Finding("smooth_hidden_layers", smooth.Numbers("hidden_layers")[last], "layers",
            $"Hidden layers of the deep network for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)}."));
        result.Add(new Finding("smooth_deep_weights", smooth.Numbers("deep_weights")[last], "weights",
            $"Nonzero weights of the deep network for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)}."));
        result.Add(new Finding("smooth_shallow_weights", smooth.Numbers("shallow_weights")[last], "weights",
            $"Nonzero weights of the one-hidden-layer uniform interpolant of {target.Formula} that reaches ε = {NumberText.Short(epsilons[last], 2)}; its error max|f''|/(8N²) makes it grow like ε^(−1/2)."));
        var logEps = smooth.Numbers("log10_inverse_epsilon");
        if (logEps.Distinct().Count() > 1)
            result.Add(new Finding("depth_per_decade", LineFit(logEps, smooth.Numbers("hidden_layers")).Slope, "layers",
                $"Least-squares slope of hidden layers against log10(1/ε) for {target.Formula}: depth grows linearly in log(1/ε)."));
    }

    private static void AddFigures(ExperimentResult result, SmoothTarget target, Table square, Table approximants, Table product, Table smooth)
    {
        result.Add(new Figure("square-error",
            "Sup error of Yarotsky's f_m against x²: maxima over the exactly enumerated linear pieces (markers) on the theoretical 2⁻²ᵐ⁻² (line).",
            new Axis("sawtooth levels m"), new Axis("sup |x² − f_m(x)|", Log: true),
            [new Line(square.Name, "m", "theory", "theory 2⁻²ᵐ⁻²"), new Markers(square.Name, "m", "max_error", "network, exact")]));
        result.Add(new Figure("square-weights",
            "Weights needed for the same error: the deep network f_m (8m − 1 weights) against the one-hidden-layer network with one unit per piece.",
            new Axis("nonzero weights", Log: true), new Axis("sup |x² − f(x)|", Log: true),
            [new Markers(square.Name, "deep_weights", "max_error", "deep (Yarotsky)"), new Markers(square.Name, "shallow_weights", "max_error", "shallow (one layer)")])
        { Legend = LegendPlace.UpperRight });
        var curves = new List<Series> { new Line(approximants.Name, "x", "x_squared", "x²") };
        curves.AddRange(approximants.ColumnNames.Where(c => c.StartsWith("f_", StringComparison.Ordinal))
            .Select(c => (Series)new Line(approximants.Name, "x", c, "f_" + c[2..], Dashed: true)));
        result.Add(new Figure("approximants", "x² and its sawtooth approximations f_m, the interpolants at k/2^m.",
            new Axis("x"), new Axis("f(x)"), curves)
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("product-error", "Sup error of the product network P_m on [0,1]² (on a grid of spacing 2⁻ᵐ⁻²) against the theoretical 4⁻ᵐ.",
            new Axis("sawtooth levels m"), new Axis("sup |P_m(x,y) − xy|", Log: true),
            [new Line(product.Name, "m", "theory", "theory 4⁻ᵐ"), new Markers(product.Name, "m", "max_error", "network, grid")]));
        result.Add(new Figure("smooth-error-vs-weights",
            $"Approximating {target.Formula} to accuracy ε: measured sup error against nonzero weights for the deep construction and for the one-hidden-layer interpolant; lines are the proven bounds.",
            new Axis("nonzero weights", Log: true), new Axis("sup error", Log: true),
            [
                new Line(smooth.Name, "deep_weights", "deep_bound", "deep bound", Dashed: true),
                new Markers(smooth.Name, "deep_weights", "deep_error", "deep (Yarotsky)"),
                new Line(smooth.Name, "shallow_weights", "shallow_bound", "shallow bound max|f''|/(8N²)", Dashed: true),
                new Markers(smooth.Name, "shallow_weights", "shallow_error", "shallow interpolant"),
            ]));
        result.Add(new Figure("smooth-depth",
            $"Hidden layers of the deep network for {target.Formula} against log₁₀(1/ε), with a least-squares line.",
            new Axis("log₁₀(1/ε)"), new Axis("hidden layers L"),
            [new Line(smooth.Name, "log10_inverse_epsilon", "depth_fit", "linear fit"), new Markers(smooth.Name, "log10_inverse_epsilon", "hidden_layers", "construction")])
        { Legend = LegendPlace.LowerRight });
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

    internal static (double Intercept, double Slope) LineFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxx = x.Sum(v => (v - mx) * (v - mx));
        double slope = sxx == 0 ? 0 : x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
        return (my - slope * mx, slope);
    }
}
