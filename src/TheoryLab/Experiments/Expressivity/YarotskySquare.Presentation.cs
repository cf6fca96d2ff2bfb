using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// How <see cref="YarotskySquare"/> shows its <see cref="Measurement"/>: the square, approximant, product and smooth
/// tables beside their theory, the findings and the figures, naming columns through <see cref="Columns"/>; the
/// partition-of-unity networks are shown by <see cref="YarotskyPartitionSweep"/>.
/// </summary>
public sealed partial class YarotskySquare
{
    /// <summary>The columns of the tables "square", "approximants", "product" and "smooth".</summary>
    private static class Columns
    {
        public static readonly Column M = new("m");
        public static readonly Column MaxError = new("max_error");
        public static readonly Column Theory = new("theory");
        public static readonly Column SampledMaxError = new("sampled_max_error");
        public static readonly Column FormulaGap = new("formula_gap");
        public static readonly Column DeepWeights = new("deep_weights");
        public static readonly Column ShallowWeights = new("shallow_weights");
        public static readonly Column HiddenLayers = new("hidden_layers");
        public static readonly Column Pieces = new("pieces");
        public static readonly Column X = new("x");
        public static readonly Column XSquared = new("x_squared");
        public static readonly Column Epsilon = new("epsilon");
        public static readonly Column Log10InverseEpsilon = new("log10_inverse_epsilon");
        public static readonly Column Degree = new("degree");
        public static readonly Column DeepError = new("deep_error");
        public static readonly Column DeepBound = new("deep_bound");
        public static readonly Column ShallowUnits = new("shallow_units");
        public static readonly Column ShallowError = new("shallow_error");
        public static readonly Column ShallowBound = new("shallow_bound");
        public static readonly Column DepthFit = new("depth_fit");

        /// <summary>The square network f_m at the approximants' points.</summary>
        public static Column Approximant(int m) => new($"f_{m}");
    }

    private static ExperimentResult Present(YarotskySquareOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var square = SquareTable(measured.Squares);
        var approximants = ApproximantTable(measured.ApproximantXs, measured.Approximants);
        result.Add(square).Add(approximants);
        var product = ProductTable(measured.ProductErrors);
        result.Add(product);
        var target = measured.Target;
        var smooth = SmoothTable(measured.Smooth);
        result.Add(smooth);

        AddSquareFindings(result, square, o.M);
        int pm = (int)product.Numbers(Columns.M)[^1];
        result.Add(new Finding("product_max_error", product.Numbers(Columns.MaxError)[^1], "1",
            $"Largest |P_m(x,y) − xy| over a grid of spacing 2^−{pm + 2} on [0,1]² for the product network with m = {pm}.",
            YarotskyCircuits.ProductError(pm), "theory: xy = 2(u² − v² − w²) and 0 ≤ f_m − t² ≤ 4^{−m−1} give sup error 4^{−m}, attained at x = y = 2^{−m}"));
        AddSmoothFindings(result, smooth, target);
        AddFigures(result, target, square, approximants, measured.Approximants.Count, product, smooth);
        if (measured.Partition is { } partition) YarotskyPartitionSweep.Present(o, target, partition, result);
        return result;
    }

    private static Table SquareTable(List<SquareNetwork> rows) => new Table("square")
        .Add(Columns.M, rows.Select(r => (double)r.M))
        .Add(Columns.MaxError, rows.Select(r => r.Exact))
        .Add(Columns.Theory, rows.Select(r => YarotskyCircuits.SquareError(r.M)))
        .Add(Columns.SampledMaxError, rows.Select(r => r.Sampled))
        .Add(Columns.FormulaGap, rows.Select(r => r.FormulaGap))
        .Add(Columns.DeepWeights, rows.Select(r => (double)r.DeepWeights))
        .Add(Columns.ShallowWeights, rows.Select(r => (double)r.ShallowWeights))
        .Add(Columns.HiddenLayers, rows.Select(r => (double)r.HiddenLayers))
        .Add(Columns.Pieces, rows.Select(r => (double)r.Pieces));

    private static Table ApproximantTable(double[] xs, List<double[]> approximants)
    {
        var table = new Table("approximants").Add(Columns.X, xs).Add(Columns.XSquared, xs.Select(x => x * x));
        for (int m = 1; m <= approximants.Count; m++) table.Add(Columns.Approximant(m), approximants[m - 1]);
        return table;
    }

    private static Table ProductTable(double[] errors)
    {
        var ms = Enumerable.Range(1, errors.Length).Select(m => (double)m).ToList();
        return new Table("product").Add(Columns.M, ms).Add(Columns.MaxError, errors).Add(Columns.Theory, ms.Select(m => YarotskyCircuits.ProductError((int)m)));
    }

    private static Table SmoothTable(List<SmoothNetworks> rows)
    {
        var table = new Table("smooth")
            .Add(Columns.Epsilon, rows.Select(r => r.Epsilon))
            .Add(Columns.Log10InverseEpsilon, rows.Select(r => Math.Log10(1 / r.Epsilon)))
            .Add(Columns.M, rows.Select(r => (double)r.Levels))
            .Add(Columns.Degree, rows.Select(r => (double)r.Degree))
            .Add(Columns.HiddenLayers, rows.Select(r => (double)r.HiddenLayers))
            .Add(Columns.DeepWeights, rows.Select(r => (double)r.DeepWeights))
            .Add(Columns.DeepError, rows.Select(r => r.DeepError))
            .Add(Columns.DeepBound, rows.Select(r => r.DeepBound))
            .Add(Columns.ShallowUnits, rows.Select(r => (double)r.ShallowUnits))
            .Add(Columns.ShallowWeights, rows.Select(r => (double)r.ShallowWeights))
            .Add(Columns.ShallowError, rows.Select(r => r.ShallowError))
            .Add(Columns.ShallowBound, rows.Select(r => r.ShallowBound));
        var (logEps, layers) = (table.Numbers(Columns.Log10InverseEpsilon), table.Numbers(Columns.HiddenLayers));
        var line = LeastSquaresLine.Fit(logEps, layers);
        // One ε has no slope to fit: the line is then the one depth measured.
        return table.Add(Columns.DepthFit, double.IsNaN(line.Slope) ? layers : logEps.Select(x => line.Intercept + line.Slope * x));
    }

    private static void AddSquareFindings(ExperimentResult result, Table square, int m)
    {
        int last = square.RowCount - 1;
        const string source = "theory: Yarotsky (2017), Proposition 2 — f_m interpolates x² at k/2^m";
        result.Add(new Finding("max_error", square.Numbers(Columns.MaxError)[last], "1",
            $"sup over [0,1] of |x² − f_m(x)| for the network with m = {m}, maximised exactly on each of its linear pieces (enumerated exactly).",
            YarotskyCircuits.SquareError(m), source));
        result.Add(new Finding("pieces", square.Numbers(Columns.Pieces)[last], "pieces",
            $"Linear pieces of the network f_m on [0,1], m = {m}, by exact enumeration of its breakpoints.", 1 << m, "theory: f_m interpolates at the 2^m + 1 points k/2^m"));
        result.Add(new Finding("max_error_sampled", square.Numbers(Columns.SampledMaxError)[last], "1",
            $"Largest |x² − f_m(x)| over the uniform grid, m = {m}: an independent check of the exact value.", YarotskyCircuits.SquareError(m), source));
        result.Add(new Finding("network_formula_gap", square.Numbers(Columns.FormulaGap)[last], "1",
            $"Largest difference on the grid between the TorchSharp network and the formula x − Σ g_s(x)/4^s, m = {m}.", 0, "theory: the network computes the formula exactly"));
        result.Add(new Finding("deep_weights", square.Numbers(Columns.DeepWeights)[last], "weights",
            $"Nonzero weights and biases of the depth-{m} network f_m.", 8 * m - 1, "theory: 3 units per layer; 4 + 8(m − 1) + 3 nonzero entries"));
        result.Add(new Finding("shallow_weights", square.Numbers(Columns.ShallowWeights)[last], "weights",
            $"Nonzero weights and biases of the one-hidden-layer network equal to f_m (one unit per piece, 2^{m} units).", 3 * (1 << m) - 1, "theory: a shallow ReLU net needs a unit per kink"));
    }

    private static void AddSmoothFindings(ExperimentResult result, Table smooth, SmoothTarget target)
    {
        var errors = smooth.Numbers(Columns.DeepError);
        var epsilons = smooth.Numbers(Columns.Epsilon);
        int last = smooth.RowCount - 1;
        double within = Enumerable.Range(0, errors.Count).Count(i => errors[i] <= epsilons[i]) / (double)errors.Count;
        result.Add(new Finding("smooth_within_epsilon", within, "1",
            $"Fraction of the accuracies ε for which the deep network's measured sup error on {target.Formula} is at most ε.",
            1, "theory: Yarotsky (2017), Theorem 1 — the construction's error bound is at most ε"));
        result.Add(new Finding("smooth_max_error", errors[last], "1",
            $"Measured sup error of the deep network for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)} (grid).", null, null));
        result.Add(new Finding("smooth_hidden_layers", smooth.Numbers(Columns.HiddenLayers)[last], "layers",
            $"Hidden layers of the deep network for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)}."));
        result.Add(new Finding("smooth_deep_weights", smooth.Numbers(Columns.DeepWeights)[last], "weights",
            $"Nonzero weights of the deep network for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)}."));
        result.Add(new Finding("smooth_shallow_weights", smooth.Numbers(Columns.ShallowWeights)[last], "weights",
            $"Nonzero weights of the one-hidden-layer uniform interpolant of {target.Formula} that reaches ε = {NumberText.Short(epsilons[last], 2)}; its error max|f''|/(8N²) makes it grow like ε^(−1/2)."));
        var logEps = smooth.Numbers(Columns.Log10InverseEpsilon);
        if (logEps.Distinct().Count() > 1)
            result.Add(new Finding("depth_per_decade", LeastSquaresLine.Fit(logEps, smooth.Numbers(Columns.HiddenLayers)).Slope, "layers",
                $"Least-squares slope of hidden layers against log10(1/ε) for {target.Formula}: depth grows linearly in log(1/ε)."));
    }

    private static void AddFigures(ExperimentResult result, SmoothTarget target, Table square, Table approximants, int levels, Table product, Table smooth)
    {
        result.Add(new Figure("square-error",
            "Sup error of Yarotsky's f_m against x²: maxima over the exactly enumerated linear pieces (markers) on the theoretical 2⁻²ᵐ⁻² (line).",
            new Axis("sawtooth levels m"), new Axis("sup |x² − f_m(x)|", Log: true),
            [new Line(square.Name, Columns.M, Columns.Theory, "theory 2⁻²ᵐ⁻²"), new Markers(square.Name, Columns.M, Columns.MaxError, "network, exact")]));
        result.Add(new Figure("square-weights",
            "Weights needed for the same error: the deep network f_m (8m − 1 weights) against the one-hidden-layer network with one unit per piece.",
            new Axis("nonzero weights", Log: true), new Axis("sup |x² − f(x)|", Log: true),
            [new Markers(square.Name, Columns.DeepWeights, Columns.MaxError, "deep (Yarotsky)"), new Markers(square.Name, Columns.ShallowWeights, Columns.MaxError, "shallow (one layer)")])
        { Legend = LegendPlace.UpperRight });
        var curves = new List<Series> { new Line(approximants.Name, Columns.X, Columns.XSquared, "x²") };
        curves.AddRange(Enumerable.Range(1, levels)
            .Select(m => (Series)new Line(approximants.Name, Columns.X, Columns.Approximant(m), $"f_{m}", Dashed: true)));
        result.Add(new Figure("approximants", "x² and its sawtooth approximations f_m, the interpolants at k/2^m.",
            new Axis("x"), new Axis("f(x)"), curves)
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("product-error", "Sup error of the product network P_m on [0,1]² (on a grid of spacing 2⁻ᵐ⁻²) against the theoretical 4⁻ᵐ.",
            new Axis("sawtooth levels m"), new Axis("sup |P_m(x,y) − xy|", Log: true),
            [new Line(product.Name, Columns.M, Columns.Theory, "theory 4⁻ᵐ"), new Markers(product.Name, Columns.M, Columns.MaxError, "network, grid")]));
        result.Add(new Figure("smooth-error-vs-weights",
            $"Approximating {target.Formula} to accuracy ε: measured sup error against nonzero weights for the deep construction and for the one-hidden-layer interpolant; lines are the proven bounds.",
            new Axis("nonzero weights", Log: true), new Axis("sup error", Log: true),
            [
                new Line(smooth.Name, Columns.DeepWeights, Columns.DeepBound, "deep bound", Dashed: true),
                new Markers(smooth.Name, Columns.DeepWeights, Columns.DeepError, "deep (Yarotsky)"),
                new Line(smooth.Name, Columns.ShallowWeights, Columns.ShallowBound, "shallow bound max|f''|/(8N²)", Dashed: true),
                new Markers(smooth.Name, Columns.ShallowWeights, Columns.ShallowError, "shallow interpolant"),
            ]));
        result.Add(new Figure("smooth-depth",
            $"Hidden layers of the deep network for {target.Formula} against log₁₀(1/ε), with a least-squares line.",
            new Axis("log₁₀(1/ε)"), new Axis("hidden layers L"),
            [new Line(smooth.Name, Columns.Log10InverseEpsilon, Columns.DepthFit, "linear fit"), new Markers(smooth.Name, Columns.Log10InverseEpsilon, Columns.HiddenLayers, "construction")])
        { Legend = LegendPlace.LowerRight });
    }
}
