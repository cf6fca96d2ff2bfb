using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// Transfer of the lower layers of one network into another of the same architecture (Yosinski et al. 2014): the
/// weights and biases of the first n affine or convolution layers are copied, and optionally frozen, while the
/// target keeps its own initial values above them. Layers count in the order their constructors drew their values
/// (<see cref="WeightedLayers"/>), which for a <see cref="SequentialSpec"/> is input to output.
/// </summary>
public static class LayerTransfer
{
    /// <summary>The affine and convolution layers of <paramref name="network"/>: the n of "the first n layers".</summary>
    public static int WeightedLayerCount(nn.Module network) => WeightedLayers.Of(network).Count();

    /// <summary>
    /// Copies the weights and biases of the first <paramref name="layers"/> weighted layers of <paramref name="source"/>
    /// into <paramref name="target"/>; with <paramref name="freeze"/> they stop requiring gradients, so
    /// <see cref="Training.Trainer"/> hands them to no optimiser and they keep the copied values bit for bit. The
    /// target's other layers are left as they were drawn.
    /// </summary>
    public static void CopyFirst(nn.Module source, nn.Module target, int layers, bool freeze)
    {
        var from = WeightedLayers.Of(source).ToList();
        var to = WeightedLayers.Of(target).ToList();
        if (from.Count != to.Count)
            throw new ArgumentException($"the source has {from.Count} weighted layers and the target {to.Count}; transfer needs one architecture", nameof(target));
        if (layers < 0 || layers > to.Count)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"the networks have {to.Count} weighted layers");
        using var noGrad = no_grad();
        for (int k = 0; k < layers; k++)
        {
            Copy(from[k].Weight, to[k].Weight, freeze);
            if (to[k].Bias is { } bias) Copy(from[k].Bias ?? throw new ArgumentException($"layer {k} of the source has no bias", nameof(source)), bias, freeze);
        }
    }

    private static void Copy(Tensor from, Tensor to, bool freeze)
    {
        if (!from.shape.SequenceEqual(to.shape))
            throw new ArgumentException($"cannot copy a parameter of shape [{string.Join(", ", from.shape)}] into one of shape [{string.Join(", ", to.shape)}]");
        to.copy_(from);
        if (freeze) to.requires_grad_(false);
    }
}
