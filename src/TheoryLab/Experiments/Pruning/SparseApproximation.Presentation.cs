using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Numerics.Fits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// How <see cref="SparseApproximation"/> shows its <see cref="Measurement"/>: a table per construction and per kind of
/// trained network, one log-log figure of sup error against nonzero parameters per target with the theory's rate, one
/// of the trained networks' L2 errors, and the fitted slopes and errors as findings beside the theory's values.
/// </summary>
public sealed partial class SparseApproximation
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Parameter = new("parameter");
        public static readonly Column Parameters = new("nonzero_parameters");
        public static readonly Column HiddenLayers = new("hidden_layers");
        public static readonly Column SupError = new("sup_error");
        public static readonly Column L2Error = new("l2_error");
        public static readonly Column Bound = new("proven_bound");
        public static readonly Column Theory = new("theory");
        public static readonly Column Budget = new("budget");
        public static readonly Column Weights = new("nonzero_weights");
        public static readonly Column DenseMultiplyAdds = new("dense_multiply_adds");
        public static readonly Column SupErrorWorst = new("sup_error_worst");
        public static readonly Column L2ErrorWorst = new("l2_error_worst");
    }

    private const string Magnitude = "magnitude", Random = "random";

    /// <summary>Palette places: constructions cool (blue deep, green shallow), trained warm (orange magnitude, red random), theory and dense black.</summary>
    private const int DeepColour = 0, InterpolantColour = 2, MagnitudeColour = 1, RandomColour = 3, TheoryColour = 7;

    private static ExperimentResult Present(SparseApproximationOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        foreach (var t in m.Targets) AddTarget(o, m, t, result);
        AddL2Figure(o, m, result);
        return result;
    }

    private static bool IsSquare(TargetMeasurement t) => t.Target.Name != "sin";

    private static string Key(TargetMeasurement t) => IsSquare(t) ? "square" : "sin";

    private static string DeepLabel(SparseApproximationOptions o, TargetMeasurement t) =>
        IsSquare(t) ? "Yarotsky f_m" : $"Yarotsky partition, n = {o.PartitionOrder}";

    /// <summary>The theory's value beside each deep construction: the closed form 2^{−2m−2} for x², C·M^(−n) through the most accurate network for sin(πx).</summary>
    private static double[] DeepTheory(SparseApproximationOptions o, TargetMeasurement t)
    {
        if (IsSquare(t)) return [.. t.Deep.Select(c => YarotskyCircuits.SquareError((int)c.Parameter))];
        var last = t.Deep[^1];
        return [.. t.Deep.Select(c => last.SupError * Math.Pow((double)c.Parameters / last.Parameters, -o.PartitionOrder))];
    }

    private static void AddTarget(SparseApproximationOptions o, Measurement m, TargetMeasurement t, ExperimentResult result)
    {
        string key = Key(t);
        var deep = new Table($"{key}-construction")
            .Add(Columns.Parameter, t.Deep.Select(c => c.Parameter))
            .Add(Columns.Parameters, t.Deep.Select(c => (double)c.Parameters))
            .Add(Columns.HiddenLayers, t.Deep.Select(c => (double)c.HiddenLayers))
            .Add(Columns.SupError, t.Deep.Select(c => c.SupError))
            .Add(Columns.L2Error, t.Deep.Select(c => c.L2Error))
            .Add(Columns.Bound, t.Deep.Select(c => c.Bound))
            .Add(Columns.Theory, DeepTheory(o, t));
        var shallow = new Table($"{key}-interpolant")
            .Add(Columns.Parameter, t.Interpolant.Select(c => c.Parameter))
            .Add(Columns.Parameters, t.Interpolant.Select(c => (double)c.Parameters))
            .Add(Columns.SupError, t.Interpolant.Select(c => c.SupError))
            .Add(Columns.L2Error, t.Interpolant.Select(c => c.L2Error))
            .Add(Columns.Bound, t.Interpolant.Select(c => c.Bound));
        Table TrainedTable(string name, Trained[] rows) => new Table(name)
            .Add(Columns.Budget, rows.Select(r => r.Budget))
            .Add(Columns.Weights, rows.Select(r => (double)r.Weights))
            .Add(Columns.Parameters, rows.Select(r => (double)r.Parameters))
            .Add(Columns.DenseMultiplyAdds, rows.Select(_ => (double)m.DenseWeights))
            .Add(Columns.SupError, rows.Select(r => r.SupError.Min()))
            .Add(Columns.SupErrorWorst, rows.Select(r => r.SupError.Max()))
            .Add(Columns.L2Error, rows.Select(r => r.L2Error.Min()))
            .Add(Columns.L2ErrorWorst, rows.Select(r => r.L2Error.Max()));
        var dense = TrainedTable($"{key}-dense", [t.Dense]);
        var magnitude = TrainedTable($"{key}-{Magnitude}", t.Magnitude);
        var random = TrainedTable($"{key}-{Random}", t.Random);
        result.Add(deep).Add(shallow).Add(dense).Add(magnitude).Add(random);

        bool bands = o.Seeds > 1;
        var series = new List<Series>
        {
            new Line(deep.Name, Columns.Parameters, Columns.SupError, DeepLabel(o, t)) { Colour = DeepColour },
            new Markers(deep.Name, Columns.Parameters, Columns.SupError, "") { Colour = DeepColour },
            new Line(deep.Name, Columns.Parameters, Columns.Theory, IsSquare(t) ? "2^(−2m−2)" : $"M^(−{o.PartitionOrder})", Dashed: true) { Colour = TheoryColour },
            new Line(shallow.Name, Columns.Parameters, Columns.SupError, "shallow interpolant") { Colour = InterpolantColour },
            new Markers(shallow.Name, Columns.Parameters, Columns.SupError, "") { Colour = InterpolantColour },
        };
        foreach (var (table, label, colour) in new[] { (magnitude, "magnitude mask", MagnitudeColour), (random, "random mask", RandomColour) })
        {
            if (bands) series.Add(new Band(table.Name, Columns.Parameters, Columns.SupError, Columns.SupErrorWorst, "") { Colour = colour });
            series.Add(new Line(table.Name, Columns.Parameters, Columns.SupError, label) { Colour = colour });
            series.Add(new Markers(table.Name, Columns.Parameters, Columns.SupError, "") { Colour = colour });
        }
        series.Add(new Markers(dense.Name, Columns.Parameters, Columns.SupError, "dense (trained)") { Colour = TheoryColour });
        result.Add(new Figure($"{key}-sup-error",
            $"Sup error on [0, 1] against the nonzero weights and biases M for {t.Target.Formula}: {DeepLabel(o, t)} and the one-hidden-layer interpolant, " +
            $"counted and measured exactly over their linear pieces; {TrainedSetting(o, m)}. " +
            (IsSquare(t) ? "The dashed line is the closed form 2^(−2m−2) at M = 8m − 1: exponential in M." : $"The dashed line is M^(−{o.PartitionOrder}) through the most accurate construction.") +
            (bands ? " Lines join the best of the seeds, bands reach the worst." : ""),
            new Axis("nonzero weights and biases M", Log: true), new Axis("sup error", Log: true), series) { Legend = LegendPlace.LowerLeft });
        AddFindings(o, m, t, result);
    }

    private static string TrainedSetting(SparseApproximationOptions o, Measurement m) =>
        $"trained: 1-{string.Join("-", o.Hidden)}-1 ReLU networks ({m.DenseWeights:N0} weights, {o.Init} initialisation) on {o.TrainPoints:N0} grid points, " +
        $"full-batch Adam (η = {NumberText.Short(o.LearningRate)}, cosine decay) for {o.Steps:N0} steps from initialisation and {o.RetrainSteps:N0} after each magnitude-pruning step, " +
        $"errors on {o.GridPoints:N0} grid points, {NumberText.Count(o.Seeds, "seed")}";

    private static void AddL2Figure(SparseApproximationOptions o, Measurement m, ExperimentResult result)
    {
        var series = new List<Series>();
        foreach (var t in m.Targets)
        {
            series.Add(new Line($"{Key(t)}-construction", Columns.Parameters, Columns.L2Error, $"{t.Target.Formula}: {DeepLabel(o, t)}", Dashed: IsSquare(t)) { Colour = DeepColour });
            series.Add(new Line($"{Key(t)}-{Magnitude}", Columns.Parameters, Columns.L2Error, $"{t.Target.Formula}: magnitude mask", Dashed: IsSquare(t)) { Colour = MagnitudeColour });
            series.Add(new Line($"{Key(t)}-{Random}", Columns.Parameters, Columns.L2Error, $"{t.Target.Formula}: random mask", Dashed: IsSquare(t)) { Colour = RandomColour });
        }
        result.Add(new Figure("l2-error",
            $"Root-mean-square error on {o.GridPoints:N0} grid points of [0, 1] (the L2 error) against the nonzero weights and biases M, x² dashed and sin(πx) solid: " +
            $"the deep constructions and the best trained network of the seeds under each mask; {TrainedSetting(o, m)}.",
            new Axis("nonzero weights and biases M", Log: true), new Axis("L2 error", Log: true), series) { Legend = LegendPlace.LowerLeft });
    }

    /// <summary>The slope of ln(sup error) against ln M over the rows.</summary>
    private static double LogLogSlope(IEnumerable<(long Parameters, double Error)> rows)
    {
        var r = rows.ToArray();
        return LogLogFit.Slope([.. r.Select(p => (double)p.Parameters)], [.. r.Select(p => p.Error)]);
    }

    /// <summary>
    /// The smallest sup error of a construction with at most <paramref name="parameters"/> nonzero parameters: the measured
    /// deep and shallow networks, and for x² also the closed form of f_m at the most levels that fit (M = 8m − 1); null
    /// when none fits.
    /// </summary>
    private static double? ConstructionAt(TargetMeasurement t, long parameters)
    {
        var errors = t.Deep.Concat(t.Interpolant).Where(c => c.Parameters <= parameters).Select(c => c.SupError).ToList();
        int levels = (int)((parameters + 1) / 8);
        if (IsSquare(t) && levels >= 1) errors.Add(YarotskyCircuits.SquareError(levels));
        return errors.Count == 0 ? null : errors.Min();
    }

    private static string Percent(double budget) => NumberText.Short(100 * budget, 4).Replace('.', 'p');

    private static void AddFindings(SparseApproximationOptions o, Measurement m, TargetMeasurement t, ExperimentResult result)
    {
        string key = Key(t), formula = t.Target.Formula;
        if (IsSquare(t))
        {
            double deviation = t.Deep.Max(c => Math.Abs(c.SupError / YarotskyCircuits.SquareError((int)c.Parameter) - 1));
            result.Add(new Finding("square_error_deviation", deviation, "1",
                $"The largest relative deviation of f_m's sup error, measured over all its linear pieces, from 2^(−2m−2), over m = 1..{o.SquareLevels}.",
                0, "yarotsky2017error, Proposition 2: sup|f_m − x²| = 2^(−2m−2)"));
            double perParameter = LeastSquaresLine.Fit([.. t.Deep.Select(c => (double)c.Parameters)], [.. t.Deep.Select(c => Math.Log2(c.SupError))]).Slope;
            result.Add(new Finding("square_log2_error_per_parameter", perParameter, "bits",
                $"The fitted slope of log₂ of f_m's sup error against its nonzero weights and biases M (from {t.Deep[0].Parameters} to {t.Deep[^1].Parameters}): " +
                "an exponential rate, error 2^(−M/4) up to a constant, where every power law M^(−s) flattens.",
                -0.25, "theory: 2^(−2m−2) with M = 8m − 1 (each level adds 8 nonzero parameters, two bits of accuracy)"));
        }
        else
        {
            result.Add(new Finding("sin_partition_slope", LogLogSlope(t.Deep.Select(c => (c.Parameters, c.SupError))), "1",
                $"The fitted slope of ln(sup error) against ln M for Yarotsky's partition-of-unity network of order {o.PartitionOrder} for sin(πx), built for " +
                $"ε = {string.Join(", ", t.Deep.Select(c => NumberText.Short(c.Parameter)))} (M from {t.Deep[0].Parameters:N0} to {t.Deep[^1].Parameters:N0}). " +
                "Its M grows like ε^(−1/n) log(1/ε), so the measured slope is a little shallower than −n.",
                -o.PartitionOrder, $"yarotsky2017error, Theorem 1; bolcskei2019optimal: M^(−n/d) up to logarithms for smoothness n, here n = {o.PartitionOrder}, d = 1"));
        }
        result.Add(new Finding($"{key}_interpolant_slope", LogLogSlope(t.Interpolant.Select(c => (c.Parameters, c.SupError))), "1",
            $"The fitted slope of ln(sup error) against ln M for the one-hidden-layer uniform interpolant of {formula} with N = " +
            $"{string.Join(", ", t.Interpolant.Select(c => c.Parameter))} pieces: the rate a shallow piecewise-linear approximation of a smooth function cannot beat.",
            -2, "theory: sup error ‖f″‖/(8N²) with 3N + 1 nonzero parameters"));

        string setting = $"trained on {formula} ({o.Init} initialisation, best of {NumberText.Count(o.Seeds, "seed")})";
        foreach (var (method, rows) in new[] { (Magnitude, t.Magnitude), (Random, t.Random) })
        {
            string how = method == Magnitude ? "magnitude-pruned with retraining" : "under a random mask with the magnitude mask's count in every layer, trained from initialisation";
            if (rows.Length >= 2)
            {
                string meaning = $"The fitted slope of ln(sup error) against ln M of ReLU networks {how}, {setting}, over M = {string.Join(", ", rows.Select(r => r.Parameters))}. " +
                    "Training reaches nothing like the constructions' rates: the networks exist (the constructions are in these classes of M parameters) but gradient descent does not find them.";
                result.Add(IsSquare(t)
                    ? new Finding($"{key}_{method}_slope", LogLogSlope(rows.Select(r => (r.Parameters, r.SupError.Min()))), "1", meaning + " The construction's rate is exponential, faster than any power.",
                        -2, "theory: the one-hidden-layer interpolant's M^(−2), itself far slower than the construction's 2^(−M/4)")
                    : new Finding($"{key}_{method}_slope", LogLogSlope(rows.Select(r => (r.Parameters, r.SupError.Min()))), "1", meaning,
                        -o.PartitionOrder, $"bolcskei2019optimal: M-edge networks reach M^(−n) for smoothness n (here n = {o.PartitionOrder}), as the partition construction does"));
            }
            foreach (var row in rows)
                result.Add(TrainedError($"{key}_{method}_{Percent(row.Budget)}_sup_error", t, row,
                    $"Sup error on {o.GridPoints:N0} grid points of a network {how} to {100 * row.Budget:0.###} % of its {m.DenseWeights:N0} weights " +
                    $"({row.Weights:N0} nonzero weights, so {row.Weights:N0} multiply-adds per point, stored densely as {m.DenseWeights:N0}), {setting}."));
        }
        result.Add(TrainedError($"{key}_dense_sup_error", t, t.Dense,
            $"Sup error on {o.GridPoints:N0} grid points of the dense network ({m.DenseWeights:N0} weights), {setting}."));
    }

    /// <summary>A trained network's best sup error beside the construction's with no more nonzero parameters, where one fits.</summary>
    private static Finding TrainedError(string name, TargetMeasurement t, Trained row, string meaning)
    {
        double error = row.SupError.Min();
        var construction = ConstructionAt(t, row.Parameters);
        string full = meaning + $" M = {row.Parameters:N0} nonzero weights and biases.";
        return construction is double value
            ? new Finding(name, error, "1", full, value, IsSquare(t)
                ? $"theory: Yarotsky's f_m with M ≤ {row.Parameters:N0} (m = {(row.Parameters + 1) / 8}) has sup error 2^(−2m−2)"
                : $"measured: the most accurate construction here (partition of unity or shallow interpolant) with M ≤ {row.Parameters:N0}")
            : new Finding(name, error, "1", full + " No construction measured here has so few parameters.");
    }
}
