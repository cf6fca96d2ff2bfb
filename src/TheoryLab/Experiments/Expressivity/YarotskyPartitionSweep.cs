using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// The partition-of-unity part of <see cref="YarotskySquare"/>: for each ε, the smallest <see cref="YarotskyPartition"/>
/// network of order n whose bound is at most ε, its sup error measured exactly over all its linear pieces, and its
/// depth and size against log(1/ε) beside the theory's O(log 1/ε) depth and O(ε^(−1/n) log 1/ε) size.
/// </summary>
internal static class YarotskyPartitionSweep
{
    public static void Run(YarotskySquareOptions o, SmoothTarget target, RunContext context, ExperimentResult result)
    {
        int n = o.PartitionOrder;
        var epsilons = o.PartitionEpsilons.Distinct().OrderByDescending(e => e).ToArray();
        var rows = new List<double[]>();
        using (var task = context.Progress.Start($"partition-of-unity networks for {target.Formula}", epsilons.Length))
        {
            foreach (double epsilon in epsilons)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var network = YarotskyPartition.Approximate(target, n, epsilon);
                var function = network.ExactFunction(context.Cancellation);
                double error = target.SupDistance(function);
                var circuit = network.Circuit;
                rows.Add([epsilon, Math.Log10(1 / epsilon), network.Cells, network.Levels, circuit.HiddenLayers, TheoryDepth(n, network.Levels),
                    circuit.NonzeroParameters, circuit.Units, function.PieceCount, error, network.ErrorBound, network.TaylorBound, network.ProductBound]);
                task.Advance(1, $"ε {epsilon:G2}: N {network.Cells}, m {network.Levels}, depth {circuit.HiddenLayers}, error {error:G3}");
            }
        }
        string[] names = ["epsilon", "log10_inverse_epsilon", "cells", "levels", "hidden_layers", "theory_hidden_layers", "weights", "units",
            "pieces", "max_error", "bound", "taylor_bound", "product_bound"];
        var table = new Table("partition");
        for (int c = 0; c < names.Length; c++) table.Add(names[c], rows.Select(r => r[c]));
        // The size law c·ε^(−1/n)·log(1/ε), its constant fixed at the smallest ε, to compare shapes.
        double Law(double e) => Math.Pow(e, -1.0 / n) * Math.Log(1 / e);
        double constant = rows[^1][6] / Law(rows[^1][0]);
        table.Add("weights_law", rows.Select(r => constant * Law(r[0])));
        result.Add(table);
        AddFindings(result, table, target, n);
        AddFigures(result, target, n);
    }

    /// <summary>1 + (n − 1)(m + 1): the first layer, then n − 1 products of one |·| layer and m square layers each.</summary>
    public static int TheoryDepth(int order, int levels) => 1 + (order - 1) * (levels + 1);

    private static void AddFindings(ExperimentResult result, Table table, SmoothTarget target, int n)
    {
        var errors = table.Numbers("max_error");
        var epsilons = table.Numbers("epsilon");
        int last = table.RowCount - 1;
        result.Add(new Finding("partition_within_epsilon", Enumerable.Range(0, errors.Count).Count(i => errors[i] <= epsilons[i]) / (double)errors.Count, "1",
            $"Fraction of the accuracies ε for which the partition-of-unity network's exact sup error on {target.Formula} is at most ε.",
            1, "theory: Yarotsky (2017), Theorem 1 — Taylor error max|f⁽ⁿ⁾|/n!·(2/3N)ⁿ plus product error, each ≤ ε/2"));
        result.Add(new Finding("partition_max_error", errors[last], "1",
            $"Exact sup error over [0,1] of the partition-of-unity network (order {n}) for {target.Formula} at ε = {NumberText.Short(epsilons[last], 2)}, maximised on each of its {table.Numbers("pieces")[last]:N0} linear pieces.",
            null, null));
        result.Add(new Finding("partition_hidden_layers", table.Numbers("hidden_layers")[last], "layers",
            $"Hidden layers of the partition-of-unity network at ε = {NumberText.Short(epsilons[last], 2)}.", table.Numbers("theory_hidden_layers")[last], "theory: 1 + (n − 1)(m + 1)"));
        result.Add(new Finding("partition_weights", table.Numbers("weights")[last], "weights",
            $"Nonzero weights of the partition-of-unity network at ε = {NumberText.Short(epsilons[last], 2)} ({table.Numbers("cells")[last] + 1} branches, m = {table.Numbers("levels")[last]})."));
        var logs = table.Numbers("log10_inverse_epsilon");
        if (logs.Distinct().Count() > 1)
        {
            result.Add(new Finding("partition_depth_per_decade", YarotskySquare.LineFit(logs, table.Numbers("hidden_layers")).Slope, "layers",
                $"Least-squares slope of the partition-of-unity network's hidden layers against log10(1/ε): depth O(log 1/ε).",
                (n - 1) * Math.Log(10) / Math.Log(4), "theory: m grows by log₄10 per decade and the depth by (n − 1) per level"));
            // Weights ≈ c·(N + 1)·m: dividing by m, the logarithmic factor itself, leaves the power of ε.
            var sizeLogs = Enumerable.Range(0, table.RowCount).Select(i => Math.Log10(table.Numbers("weights")[i] / table.Numbers("levels")[i])).ToArray();
            result.Add(new Finding("partition_size_exponent", YarotskySquare.LineFit(logs, sizeLogs).Slope, "1",
                "Least-squares slope of log10(weights / m) against log10(1/ε), m the sawtooth levels (the log(1/ε) factor); the theory's size O(ε^(−1/n) log 1/ε) gives 1/n, approached as N outgrows its rounding up.",
                1.0 / n, "theory: Yarotsky (2017), Theorem 1 — N ∝ ε^(−1/n) branches of O(log 1/ε) weights"));
        }
    }

    private static void AddFigures(ExperimentResult result, SmoothTarget target, int n)
    {
        result.Add(new Figure("partition-depth",
            $"Hidden layers of Yarotsky's partition-of-unity network (order n = {n}) for {target.Formula} against log₁₀(1/ε): construction and the count 1 + (n − 1)(m + 1) with m the fewest sawtooth levels that meet ε/2.",
            new Axis("log₁₀(1/ε)"), new Axis("hidden layers"),
            [new Line("partition", "log10_inverse_epsilon", "theory_hidden_layers", "1 + (n − 1)(m + 1)"), new Markers("partition", "log10_inverse_epsilon", "hidden_layers", "construction")])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("partition-size",
            $"Nonzero weights of the partition-of-unity network (order n = {n}) for {target.Formula} against log₁₀(1/ε), with the law c·ε^(−1/{n})·ln(1/ε) through the last point.",
            new Axis("log₁₀(1/ε)"), new Axis("nonzero weights", Log: true),
            [new Line("partition", "log10_inverse_epsilon", "weights_law", $"c·ε^(−1/{n})·ln(1/ε)", Dashed: true), new Markers("partition", "log10_inverse_epsilon", "weights", "construction")])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("partition-error",
            $"Exact sup error of the partition-of-unity network for {target.Formula} against ε, with its proven bound; every marker below the line error = ε meets its accuracy.",
            new Axis("ε", Log: true), new Axis("sup error", Log: true),
            [
                new Line("partition", "epsilon", "epsilon", "error = ε"),
                new Line("partition", "epsilon", "bound", "proven bound", Dashed: true),
                new Markers("partition", "epsilon", "max_error", "network, exact"),
            ])
        { Legend = LegendPlace.UpperLeft });
    }
}
