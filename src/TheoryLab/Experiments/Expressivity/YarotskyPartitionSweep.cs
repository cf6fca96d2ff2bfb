using TheoryLab.Kernel;
using TheoryLab.Models.ReluCircuits;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// The partition-of-unity part of <see cref="YarotskySquare"/>: for each ε, the smallest <see cref="YarotskyPartition"/>
/// network of order n whose bound is at most ε and its sup error measured exactly over all its linear pieces, whose
/// depth and size <see cref="Present"/> sets against log(1/ε) beside the theory's O(log 1/ε) depth and
/// O(ε^(−1/n) log 1/ε) size.
/// </summary>
internal static partial class YarotskyPartitionSweep
{
    /// <summary>
    /// The network built for one ε: its cells N, sawtooth levels m, hidden layers, nonzero weights, units and linear
    /// pieces, its exact sup error, and its proven bound with the Taylor and product parts it sums.
    /// </summary>
    public sealed record Construction(double Epsilon, int Cells, int Levels, int HiddenLayers, long Weights, long Units, int Pieces,
        double MaxError, double Bound, double TaylorBound, double ProductBound);

    /// <summary>The networks for <c>partition_epsilons</c>, each ε once, from the largest.</summary>
    public static List<Construction> Measure(YarotskySquareOptions o, SmoothTarget target, RunContext context)
    {
        int n = o.PartitionOrder;
        var epsilons = o.PartitionEpsilons.Distinct().OrderByDescending(e => e).ToArray();
        var rows = new List<Construction>();
        using var task = context.Progress.Start($"partition-of-unity networks for {target.Formula}", epsilons.Length);
        foreach (double epsilon in epsilons)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var network = YarotskyPartition.Approximate(target, n, epsilon);
            var function = network.ExactFunction(context.Cancellation);
            double error = target.SupDistance(function);
            var circuit = network.Circuit;
            rows.Add(new Construction(epsilon, network.Cells, network.Levels, circuit.HiddenLayers, circuit.NonzeroParameters, circuit.Units,
                function.PieceCount, error, network.ErrorBound, network.TaylorBound, network.ProductBound));
            task.Advance(1, $"ε {epsilon:G2}: N {network.Cells}, m {network.Levels}, depth {circuit.HiddenLayers}, error {error:G3}");
        }
        return rows;
    }
}
