using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Training.PiecewiseLinear;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// The trained half of <see cref="Sawtooth"/>: deep-narrow networks (<c>family_depths</c> layers of
/// <c>family_width</c> units) and shallow-wide ones of the same parameter count, initialised at random and trained on
/// Δᵏ for each k of <c>family_k</c>; their exact errors, and their linear pieces counted exactly before and after
/// training, which <see cref="Present"/> sets beside the (2m)ˡ and Π(m_l + 1) bounds and Hanin and Rolnick's
/// average-case bound.
/// </summary>
internal static partial class SawtoothFamilies
{
    /// <summary>One architecture trained on one Δᵏ: the best error over restarts, and mean piece counts.</summary>
    public sealed record Fit(ReluNetwork Shape, double BestError, double MeanError, double PiecesInit, double PiecesTrained, double MaxPiecesTrained, int WithinBound, int Trained);

    /// <summary>
    /// One parameter budget on Δᵏ: the deep-narrow network of these layers and the shallow one of about its parameters,
    /// both trained, and the exact error of the deep architecture's own construction of Δᵏ (NaN where it is too small for one).
    /// </summary>
    public readonly record struct Budget(int K, int Layers, Fit Deep, Fit Shallow, double ConstructedError);

    /// <summary>What the families measure: the k of <c>family_k</c> in order, and every budget trained on each.</summary>
    public sealed record Measurement(int[] Ks, List<Budget> Budgets);

    public static Measurement Measure(SawtoothOptions o, RunContext context, Device device)
    {
        var settings = Sawtooth.FitSettings(o);
        var depths = o.FamilyDepths.Distinct().Order().ToArray();
        var ks = o.FamilyK.Distinct().Order().ToArray();
        using var task = context.Progress.Start("training deep and shallow families", (long)ks.Length * depths.Length * 2 * o.TrainRestarts);
        var budgets = new List<Budget>();
        foreach (int k in ks)
        {
            var target = TentMap.Exact(k, o.IntervalStart, o.IntervalEnd);
            foreach (int layers in depths)
            {
                int[] deepWidths = [.. Enumerable.Repeat(o.FamilyWidth, layers)];
                int shallowWidth = EqualShallowWidth(ReluNetwork.CountParameters(deepWidths));
                var deep = Train(o, context, device, target, settings, deepWidths, $"k {k} deep {layers}", task);
                var shallow = Train(o, context, device, target, settings, [shallowWidth], $"k {k} shallow {layers}", task);
                budgets.Add(new Budget(k, layers, deep, shallow, ConstructedError(k, o.FamilyWidth, layers, o)));
            }
        }
        return new Measurement(ks, budgets);
    }

    /// <summary>The width m whose 3m + 1 parameters come closest to <paramref name="parameters"/>.</summary>
    public static int EqualShallowWidth(long parameters) => (int)Math.Max(1, Math.Round((parameters - 1) / 3.0));

    /// <summary>
    /// Hanin and Rolnick's bound on the mean number of breakpoints per neuron along the interval at this initialisation,
    /// C_grad·C_bias·|L|: C_bias = 1/(σ_b√(2π)) is the largest density of a bias, C_grad = √2 bounds E|∂z/∂u| (He weights
    /// keep E(∂z/∂u)² = 2 in every layer), and |L| = 2 is the length of the centred input u ∈ [−1, 1].
    /// </summary>
    public static double BreakpointsPerNeuronBound(double biasStd) => Math.Sqrt(2) / (biasStd * Math.Sqrt(2 * Math.PI)) * 2;

    private static Fit Train(SawtoothOptions o, RunContext context, Device device, PiecewiseLinearFunction target, GradientFitSettings settings,
        int[] widths, string purpose, IProgressTask task)
    {
        double a = target.Start, b = target.End;
        var errors = new List<double>();
        var initCounts = new List<double>();
        var trainedCounts = new List<double>();
        ReluNetwork? shape = null;
        for (int r = 0; r < o.TrainRestarts; r++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var initial = ReluNetwork.RandomCentred(widths, o.BiasStd, a, b, context.Random($"{purpose} restart {r}"));
            shape ??= initial;
            initCounts.Add(LinearPieces.Count(initial, a, b, context.Cancellation));
            var trained = LinearPieces.Function(GradientFit.Train(initial, target, settings, device, context.Cancellation), a, b, context.Cancellation);
            trainedCounts.Add(trained.PieceCount);
            errors.Add(trained.MeanAbsoluteDistance(target));
            task.Advance(1, $"{purpose}: error {errors[^1]:F3}, {trained.PieceCount} pieces");
        }
        return new Fit(shape!, errors.Min(), errors.Average(), initCounts.Average(), trainedCounts.Average(), trainedCounts.Max(),
            trainedCounts.Count(c => c <= shape!.LayerwisePieceBound), trainedCounts.Count);
    }

    /// <summary>
    /// The exact error of <see cref="TentMap.DeepNetwork"/> — a network of the deep family's architecture written down to
    /// compute Δᵏ — counted by enumeration (0 when the construction is right), or NaN when the architecture is too small for it.
    /// </summary>
    private static double ConstructedError(int k, int width, int layers, SawtoothOptions o)
    {
        var network = TentMap.DeepNetwork(k, width, layers);
        return network is null ? double.NaN
            : LinearPieces.Function(network, o.IntervalStart, o.IntervalEnd).MeanAbsoluteDistance(TentMap.Exact(k, o.IntervalStart, o.IntervalEnd));
    }
}
