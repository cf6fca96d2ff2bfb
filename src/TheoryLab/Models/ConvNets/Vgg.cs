using TheoryLab.Models.MeanField;

namespace TheoryLab.Models.ConvNets;

/// <summary>Small networks in the style of VGG (Simonyan and Zisserman 2015), for sequences and images alike.</summary>
public static class Vgg
{
    /// <summary>
    /// Blocks of <paramref name="convolutionsPerBlock"/> 3-wide convolutions (padding 1, so the length or side is kept), each followed by batch norm when
    /// <paramref name="batchNorm"/> (between the convolution and the ReLU, where Ioffe and Szegedy and Santurkar et al.
    /// put it) and ReLU, then 2-wide max pooling, with <paramref name="blockChannels"/> channels per block; then one affine
    /// layer to the classes. Examples without a channel axis (MNIST-1D's length-40 sequences) are read as one channel,
    /// so the same call gives a 1-D network for sequences and a 2-D one for 1×28×28 images. With and without batch
    /// norm the networks differ only by the normalisation layers (and their 2 parameters per channel).
    /// </summary>
    /// <param name="inputShape">Shape of one example: [L], [C, L] or [C, H, W].</param>
    /// <param name="blockChannels">Channels of each block's convolution, in order.</param>
    /// <param name="batchNorm">Whether every convolution is followed by batch norm.</param>
    /// <param name="convolutionsPerBlock">Convolutions before each pooling (VGG's deeper blocks have 2 to 4).</param>
    /// <param name="classes">Outputs of the final affine layer.</param>
    public static SequentialSpec Small(int[] inputShape, IReadOnlyList<int> blockChannels, bool batchNorm, int convolutionsPerBlock = 1, int classes = 10)
    {
        if (blockChannels.Count == 0) throw new TheoryLabException("a VGG-style network needs at least one convolutional block.");
        if (convolutionsPerBlock < 1) throw new TheoryLabException($"each block needs at least one convolution, not {convolutionsPerBlock}.");
        var layers = new List<LayerSpec>();
        if (inputShape.Length == 1) layers.Add(new SingleChannel());
        foreach (int channels in blockChannels)
        {
            for (int k = 0; k < convolutionsPerBlock; k++)
            {
                layers.Add(new Convolution(channels, 3, Padding: 1));
                if (batchNorm) layers.Add(new BatchNorm());
                layers.Add(new ActivationLayer(Activations.Relu));
            }
            layers.Add(new Pooling(PoolingKind.Max, 2));
        }
        layers.Add(new Dense(classes));
        string name = $"VGG-style CNN ({string.Join("-", blockChannels.Select(c => convolutionsPerBlock == 1 ? $"{c}" : $"{convolutionsPerBlock}×{c}"))}){(batchNorm ? " with batch norm" : "")}";
        return new SequentialSpec(name, inputShape, layers);
    }
}
