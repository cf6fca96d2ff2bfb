using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// Pruning by weight magnitude (Han et al. 2015; Frankle &amp; Carbin 2019): of the weights a mask still keeps, those
/// of smallest |w| are removed, either a fraction of each layer's survivors (layer-wise) or a fraction of all
/// survivors ranked together (global). Ties go to the earlier position, so a result depends on the weights alone.
/// </summary>
public static class MagnitudePruning
{
    /// <summary>
    /// A new mask that removes round(rate_l × kept_l) more weights from each layer l, the smallest in magnitude among
    /// those <paramref name="mask"/> keeps. <paramref name="rates"/> holds one rate per layer, in [0, 1].
    /// </summary>
    public static PruningMask Layerwise(PruningMask mask, nn.Module model, IReadOnlyList<double> rates)
    {
        if (rates.Count != mask.Layers) throw new ArgumentException($"{rates.Count} rates for a mask of {mask.Layers} layers", nameof(rates));
        var weights = PruningMask.Weights(model);
        using var noGrad = no_grad();
        return new PruningMask(Enumerable.Range(0, mask.Layers).Select(l =>
        {
            long remove = (long)Math.Round(CheckRate(rates[l]) * mask.Remaining[l]);
            var scores = Scores(weights[l], mask.Keep[l]);
            return RemoveSmallest(scores, mask.Keep[l].flatten(), remove).reshape(mask.Keep[l].shape);
        }));
    }

    /// <summary>A new mask that removes round(rate × kept) more weights, the smallest in magnitude across all layers together.</summary>
    public static PruningMask Global(PruningMask mask, nn.Module model, double rate)
    {
        var weights = PruningMask.Weights(model);
        long remove = (long)Math.Round(CheckRate(rate) * mask.TotalRemaining);
        using var noGrad = no_grad();
        using var scores = cat([.. Enumerable.Range(0, mask.Layers).Select(l => Scores(weights[l], mask.Keep[l]))]);
        using var keep = cat([.. mask.Keep.Select(k => k.flatten())]);
        using var pruned = RemoveSmallest(scores, keep, remove);
        return new PruningMask(pruned.split([.. mask.Sizes]).Select((part, l) => part.reshape(mask.Keep[l].shape)));
    }

    /// <summary>|w| where the mask keeps a weight, +∞ where it is already pruned, so pruned weights are never ranked again.</summary>
    private static Tensor Scores(Tensor weight, Tensor keep) =>
        where(keep.flatten().to_type(ScalarType.Bool), weight.detach().flatten().abs().to_type(ScalarType.Float64), tensor(double.PositiveInfinity, ScalarType.Float64));

    private static Tensor RemoveSmallest(Tensor scores, Tensor keep, long remove)
    {
        var result = keep.clone();
        if (remove == 0) return result;
        // A stable sort ranks equal magnitudes by position: the same weights always give the same mask.
        using var order = scores.sort(0, descending: false, stable: true).Indices;
        using var removed = 0.ToScalar();
        result.index_fill_(0, order.narrow(0, 0, remove), removed);
        return result;
    }

    private static double CheckRate(double rate) =>
        rate is >= 0 and <= 1 ? rate : throw new TheoryLabException($"a pruning rate is a fraction of the surviving weights, from 0 to 1, not {rate}.");
}
