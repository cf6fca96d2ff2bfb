using TheoryLab.Models.Adapters;
using TheoryLab.Models.ConvNets;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// Compression of a perceptron by low rank (Denton et al. 2014): an affine layer W is replaced by its truncated SVD
/// W_k = Up·Down (<see cref="TruncatedSvd.Factor"/>), two narrower dense layers with k(in + out) weights, so the
/// saving is real on any dense kernel; the bias stays with Up. Of all rank-k replacements this one changes the layer's
/// weight least in the Frobenius norm, by the tail of its singular values (Eckart &amp; Young).
/// </summary>
public static class LowRankFactorisation
{
    /// <summary>
    /// The network with affine layer l factored at rank <paramref name="ranks"/>[l], or kept whole where that rank is 0,
    /// its weights from <paramref name="model"/>'s.
    /// </summary>
    public static CompressedNetwork Factor(SequentialSpec spec, nn.Module model, IReadOnlyList<int> ranks)
    {
        var layers = CompressedNetwork.PerceptronLayers(spec, model, "low-rank factorisation");
        if (ranks.Count != layers.Count)
            throw new TheoryLabException($"{spec.Name} has {layers.Count} affine layers but {ranks.Count} ranks were given; name one rank per layer (0 keeps a layer whole).");
        int next = 0;
        var factored = spec with
        {
            Name = $"{spec.Name} at ranks {string.Join("-", ranks)}",
            Layers = [.. spec.Layers.Select(layer => layer is Dense dense && ranks[next++] is var rank && rank > 0 ? new LowRankDense(dense.Units, rank) : layer)],
        };
        using var scope = NewDisposeScope();
        var values = new List<(Tensor, Tensor?)>();
        for (int l = 0; l < layers.Count; l++)
        {
            var (weight, bias) = layers[l];
            if (ranks[l] == 0)
            {
                values.Add((weight.detach(), bias?.detach()));
                continue;
            }
            long limit = Math.Min(weight.shape[0], weight.shape[1]);
            if (ranks[l] < 0 || ranks[l] > limit)
                throw new TheoryLabException($"affine layer {l + 1} is {weight.shape[0]} × {weight.shape[1]}: its rank is 0 (kept whole) or 1 to {limit}, not {ranks[l]}.");
            var (down, up) = TruncatedSvd.Factor(weight.detach(), ranks[l]);
            values.Add((down, null));
            values.Add((up, bias?.detach()));
        }
        return CompressedNetwork.Fill(factored, values);
    }
}
