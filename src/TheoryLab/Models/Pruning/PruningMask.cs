using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// Which weights of a model survive pruning: one 0/1 tensor per affine or convolution layer, shaped like its weight,
/// in the depth-first order the layers were registered in. Biases are never masked (Frankle &amp; Carbin prune
/// weights only, and a bias costs one addition per output, not a multiply per input). A mask is a value: pruning
/// makes a new one and leaves the old intact, so the rounds of iterative pruning can be compared.
/// </summary>
public sealed class PruningMask : IDisposable
{
    private readonly Tensor[] _keep;

    /// <param name="keep">One 0/1 tensor per layer; the mask owns them.</param>
    public PruningMask(IEnumerable<Tensor> keep)
    {
        _keep = [.. keep];
        if (_keep.Length == 0) throw new TheoryLabException("a pruning mask needs at least one weighted layer; the model has no affine or convolution layer to prune.");
        Remaining = [.. _keep.Select(k => k.sum().AsInt64())];
        Sizes = [.. _keep.Select(k => k.numel())];
    }

    /// <summary>The mask that keeps every weight of <paramref name="model"/>.</summary>
    public static PruningMask Full(nn.Module model) => new(Weights(model).Select(w => ones_like(w)));

    /// <summary>The weights a mask covers: those of the model's affine and convolution layers, depth first.</summary>
    public static IReadOnlyList<Tensor> Weights(nn.Module model) => [.. WeightedLayers.Of(model).Select(l => l.Weight)];

    /// <summary>Each layer's 0/1 tensor; read-only by contract.</summary>
    public IReadOnlyList<Tensor> Keep => _keep;

    public int Layers => _keep.Length;

    /// <summary>Weights kept in each layer.</summary>
    public IReadOnlyList<long> Remaining { get; }

    /// <summary>Weights in each layer, kept or not.</summary>
    public IReadOnlyList<long> Sizes { get; }

    public long TotalRemaining => Remaining.Sum();

    public long TotalSize => Sizes.Sum();

    /// <summary>The fraction of all masked weights kept (Frankle &amp; Carbin's P_m).</summary>
    public double Fraction => (double)TotalRemaining / TotalSize;

    /// <summary>Zeroes the pruned weights of <paramref name="model"/> in place (the layers must be those the mask was made for).</summary>
    public void Apply(nn.Module model)
    {
        var weights = Weights(model);
        if (weights.Count != _keep.Length)
            throw new TheoryLabException($"the mask covers {_keep.Length} weighted layers but the model has {weights.Count}; apply a mask to the architecture it was made for.");
        using var noGrad = no_grad();
        for (int l = 0; l < _keep.Length; l++)
        {
            if (!weights[l].shape.SequenceEqual(_keep[l].shape))
                throw new TheoryLabException($"layer {l}'s weight is [{string.Join(", ", weights[l].shape)}] but its mask is [{string.Join(", ", _keep[l].shape)}]; apply a mask to the architecture it was made for.");
            weights[l].mul_(_keep[l]);
        }
    }

    /// <summary>
    /// Zeroes the pruned weights of <paramref name="model"/> and scales each layer's kept weights by 1/√p, p the fraction
    /// of that layer the mask keeps: the scaling of <see cref="MeanField.SparseWeights"/> (Nait Saada, Naderi &amp; Tanner 2024),
    /// which keeps every entry's variance at σ_w²/fan-in, so a network drawn at the edge of chaos stays there once masked.
    /// </summary>
    public void ApplyVariancePreserving(nn.Module model)
    {
        Apply(model);
        var weights = Weights(model);
        using var noGrad = no_grad();
        for (int l = 0; l < _keep.Length; l++)
        {
            if (Remaining[l] == 0) continue;
            using var gain = Math.Sqrt((double)Sizes[l] / Remaining[l]).ToScalar();
            weights[l].mul_(gain);
        }
    }

    /// <summary>
    /// Multiply–adds of one forward pass when pruned weights are skipped: each layer's dense count times the fraction of
    /// its weights kept, exact for affine and convolution layers alike since every weight takes part in the same number
    /// of products. <paramref name="denseMultiplyAdds"/> holds the dense count of each masked layer, in the mask's order.
    /// </summary>
    public long SparseMultiplyAdds(IReadOnlyList<long> denseMultiplyAdds)
    {
        if (denseMultiplyAdds.Count != _keep.Length)
            throw new ArgumentException($"{denseMultiplyAdds.Count} layer counts for a mask of {_keep.Length} layers", nameof(denseMultiplyAdds));
        return Enumerable.Range(0, _keep.Length).Sum(l => denseMultiplyAdds[l] / Sizes[l] * Remaining[l]);
    }

    public void Dispose()
    {
        foreach (var k in _keep) k.Dispose();
    }
}
