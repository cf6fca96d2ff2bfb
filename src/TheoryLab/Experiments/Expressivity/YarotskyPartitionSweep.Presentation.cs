using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// How <see cref="YarotskyPartitionSweep"/> shows its networks: the table "partition" beside the theory's depth and
/// size law, the findings and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
internal static partial class YarotskyPartitionSweep
{
    /// <summary>The columns of the table "partition".</summary>
    private static class Columns
    {
        public static readonly Column Epsilon = new("epsilon");
        public static readonly Column Log10InverseEpsilon = new("log10_inverse_epsilon");
        public static readonly Column Cells = new("cells");
        public static readonly Column Levels = new("levels");
        public static readonly Column HiddenLayers = new("hidden_layers");
        public static readonly Column TheoryHiddenLayers = new("theory_hidden_layers");
        public static readonly Column Weights = new("weights");
        public static readonly Column Units = new("units");
        public static readonly Column Pieces = new("pieces");
        public static readonly Column MaxError = new("max_error");
        public static readonly Column Bound = new("bound");
        public static readonly Column TaylorBound = new("taylor_bound");
        public static readonly Column ProductBound = new("product_bound");
        public static readonly Column WeightsLaw = new("weights_law");
    }

    public static void Present(YarotskySquareOptions o, SmoothTarget target, List<Construction> rows, ExperimentResult result)
    {
        int n = o.PartitionOrder;
        var table = new Table("partition")
            .Add(Columns.Epsilon, rows.Select(r => r.Epsilon))
            .Add(Columns.Log10InverseEpsilon, rows.Select(r => Math.Log10(1 / r.Epsilon)))
            .Add(Columns.Cells, rows.Select(r => (double)r.Cells))
            .Add(Columns.Levels, rows.Select(r => (double)r.Levels))
            .Add(Columns.HiddenLayers, rows.Select(r => (double)r.HiddenLayers))
            .Add(Columns.TheoryHiddenLayers, rows.Select(r => (double)TheoryDepth(n, r.Levels)))
            .Add(Columns.Weights, rows.Select(r => (double)r.Weights))
            .Add(Columns.Units, rows.Select(r => (double)r.Units))
            .Add(Columns.Pieces, rows.Select(r => (double)r.Pieces))
            .Add(Columns.MaxError, rows.Select(r => r.MaxError))
            .Add(Columns.Bound, rows.Select(r => r.Bound))
            .Add(Columns.TaylorBound, rows.Select(r => r.TaylorBound))
            .Add(Columns.ProductBound, rows.Select(r => r.ProductBound));
        // The size law c·ε^(−1/n)·log(1/ε), its constant fixed at the smallest ε, to compare shapes.
        double Law(double e) => Math.Pow(e, -1.0 / n) * Math.Log(1 / e);
        double constant = rows[^1].Weights / Law(rows[^1].Epsilon);
        table.Add(Columns.WeightsLaw, rows.Select(r => constant * Law(r.Epsilon)));
        result.Add(table);
        AddFindings(result, table, target, n);
        AddFigures(result, table, target, n);
    }

    /// <summary>1 + (n − 1)(m + 1): the first layer, then n − 1 products of one |·| layer and m square layers each.</summary>
    private static int TheoryDepth(int order, int levels) => 1 + (order - 1) * (levels + 1);

    private static void AddFindings(ExperimentResult result, Table table, SmoothTarget target, int n)
    {
        var errors = table.Numbers(Columns.MaxError);
        var epsilons = table.Numbers(Columns.Epsilon);
        int last = table.RowCount - 1;
        result.Add(new Finding("partition_within_epsilon", Enumerable.Range(0, errors.Count).Count(i => errors[i] <= epsilons[i]) / (double)errors.Count, "1",
            $"Fraction of the accuracies ε for which the partition-of-unity network's exact sup error on {target.Formula} is at most ε.",
            1, "theory: Yarotsky (2017), Theorem 1 — Taylor error max|f⁽ⁿ⁾|/n!·(2/3N)ⁿ plus product error, each ≤ ε/2"));
        result.Add(new Finding("partition_max_error", errors[last], "1",
            $"Exact sup error over [0,1] of the partition-of-unity network (order {n}) for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)}, maximised on each of its {table.Numbers(Columns.Pieces)[last]:N0} linear pieces.",
            null, null));
        result.Add(new Finding("partition_hidden_layers", table.Numbers(Columns.HiddenLayers)[last], "layers",
            $"Hidden layers of the partition-of-unity network at ε = {NumberText.Short(epsilons[last], 2)}.", table.Numbers(Columns.TheoryHiddenLayers)[last], "theory: 1 + (n − 1)(m + 1)"));
        result.Add(new Finding("partition_weights", table.Numbers(Columns.Weights)[last], "weights",
            $"Nonzero weights of the partition-of-unity network at ε = {NumberText.Short(epsilons[last], 2)} ({table.Numbers(Columns.Cells)[last] + 1} branches, m = {table.Numbers(Columns.Levels)[last]})."));
        var logs = table.Numbers(Columns.Log10InverseEpsilon);
        if (logs.Distinct().Count() > 1)
        {
            result.Add(new Finding("partition_depth_per_decade", LeastSquaresLine.Fit(logs, table.Numbers(Columns.HiddenLayers)).Slope, "layers",
                $"Least-squares slope of the partition-of-unity network's hidden layers against log10(1/ε): depth O(log 1/ε).",
                (n - 1) * Math.Log(10) / Math.Log(4), "theory: m grows by log₄10 per decade and the depth by (n − 1) per level"));
            // Weights ≈ c·(N + 1)·m: dividing by m, the logarithmic factor itself, leaves the power of ε.
            var sizeLogs = Enumerable.Range(0, table.RowCount).Select(i => Math.Log10(table.Numbers(Columns.Weights)[i] / table.Numbers(Columns.Levels)[i])).ToArray();
            result.Add(new Finding("partition_size_exponent", LeastSquaresLine.Fit(logs, sizeLogs).Slope, "1",
                "Least-squares slope of log10(weights / m) against log10(1/ε), m the sawtooth levels (the log(1/ε) factor); the theory's size O(ε^(−1/n) log 1/ε) gives 1/n, approached as N outgrows its rounding up.",
                1.0 / n, "theory: Yarotsky (2017), Theorem 1 — N ∝ ε^(−1/n) branches of O(log 1/ε) weights"));
        }
    }

    private static void AddFigures(ExperimentResult result, Table table, SmoothTarget target, int n)
    {
        result.Add(new Figure("partition-depth",
            $"Hidden layers of Yarotsky's partition-of-unity network (order n = {n}) for {target.Formula} against log₁₀(1/ε): construction and the count 1 + (n − 1)(m + 1) with m the fewest sawtooth levels that meet ε/2.",
            new Axis("log₁₀(1/ε)"), new Axis("hidden layers"),
            [new Line(table.Name, Columns.Log10InverseEpsilon, Columns.TheoryHiddenLayers, "1 + (n − 1)(m + 1)"), new Markers(table.Name, Columns.Log10InverseEpsilon, Columns.HiddenLayers, "construction")])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("partition-size",
            $"Nonzero weights of the partition-of-unity network (order n = {n}) for {target.Formula} against log₁₀(1/ε), with the law c·ε^(−1/{n})·ln(1/ε) through the last point.",
            new Axis("log₁₀(1/ε)"), new Axis("nonzero weights", Log: true),
            [new Line(table.Name, Columns.Log10InverseEpsilon, Columns.WeightsLaw, $"c·ε^(−1/{n})·ln(1/ε)", Dashed: true), new Markers(table.Name, Columns.Log10InverseEpsilon, Columns.Weights, "construction")])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("partition-error",
            $"Exact sup error of the partition-of-unity network for {target.Formula} against ε, with its proven bound; every marker below the line error = ε meets its accuracy.",
            new Axis("ε", Log: true), new Axis("sup error", Log: true),
            [
                new Line(table.Name, Columns.Epsilon, Columns.Epsilon, "error = ε"),
                new Line(table.Name, Columns.Epsilon, Columns.Bound, "proven bound", Dashed: true),
                new Markers(table.Name, Columns.Epsilon, Columns.MaxError, "network, exact"),
            ])
        { Legend = LegendPlace.UpperLeft });
    }
}
