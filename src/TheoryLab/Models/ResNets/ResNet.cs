using TheoryLab.Models.ConvNets;

namespace TheoryLab.Models.ResNets;

/// <summary>
/// The CIFAR ResNet family of He et al. (2016, Section 4.2) that Li et al. (2018) plot, for 1-D sequences (MNIST-1D)
/// or images: a stem convolution, three stages of n basic blocks whose widths double (w, 2w, 4w) while the stride-2
/// first block of stages two and three halves every spatial axis, global average pooling and an affine classifier;
/// 6n + 2 weight layers in all (ResNet-20 has n = 3). Without skip connections the same stack is Li et al.'s
/// "no-short" network.
/// </summary>
public static class ResNet
{
    /// <summary>Stages of a CIFAR ResNet.</summary>
    public const int Stages = 3;

    /// <summary>The blocks per stage n of a network of depth 6n + 2; other depths are refused.</summary>
    public static int BlocksPerStage(int depth) =>
        depth >= 8 && (depth - 2) % (2 * Stages) == 0
            ? (depth - 2) / (2 * Stages)
            : throw new TheoryLabException($"a CIFAR ResNet has depth 6n + 2 (8, 14, 20, 32, 44, 56, 110), not {depth}.");

    /// <summary>
    /// A ResNet of depth <paramref name="depth"/> (6n + 2) for examples of <paramref name="inputShape"/>: [L]
    /// sequences (seen as one channel) or [C, H, W] images.
    /// </summary>
    /// <param name="width">Channels of the first stage (16 in He et al. and Li et al.); the others have 2× and 4×.</param>
    /// <param name="skip">Skip connections; without them the network is the plain stack.</param>
    /// <param name="batchNorm">Batch norm after every convolution.</param>
    public static SequentialSpec Cifar(int[] inputShape, int depth, int width = 16, bool skip = true, bool batchNorm = true, int classes = 10)
    {
        int blocks = BlocksPerStage(depth);
        if (width < 1) throw new TheoryLabException($"a ResNet needs at least one channel, not {width}.");
        var layers = new List<LayerSpec>();
        if (inputShape.Length == 1) layers.Add(new SingleChannel());
        layers.Add(new ConvolutionUnit(width, batchNorm));
        for (int stage = 0; stage < Stages; stage++)
        {
            for (int b = 0; b < blocks; b++)
                layers.Add(new ResidualBlock(width << stage, Stride: stage > 0 && b == 0 ? 2 : 1, skip, batchNorm));
        }
        layers.Add(new GlobalAveragePooling());
        layers.Add(new Dense(classes));
        return new($"ResNet-{depth}{(skip ? "" : "-noshort")}", inputShape, layers);
    }
}
