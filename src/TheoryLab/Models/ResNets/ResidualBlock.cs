using TheoryLab.Models.ConvNets;
using static TorchSharp.torch;

namespace TheoryLab.Models.ResNets;

/// <summary>
/// He et al.'s (2016) basic block: conv 3 → BN → ReLU → conv 3 → BN, plus the input (the skip connection), then
/// ReLU. The first convolution has stride <paramref name="Stride"/>; where the block changes the shape, the skip
/// path is a strided 1×1 convolution with batch norm (He et al.'s option B, as in Li et al.'s CIFAR ResNets).
/// Without <paramref name="Skip"/> the block is the plain two-convolution stack of Li et al.'s "no-short" networks.
/// </summary>
/// <param name="Channels">Output channels of both convolutions.</param>
/// <param name="Stride">Stride of the first convolution (2 halves every spatial axis).</param>
/// <param name="Skip">Add the (projected) input to the block's output.</param>
/// <param name="BatchNorm">Batch norm after each convolution (the convolutions then have no bias).</param>
public sealed record ResidualBlock(int Channels, int Stride = 1, bool Skip = true, bool BatchNorm = true) : LayerSpec
{
    public override int[] OutputShape(int[] input)
    {
        Residual.CheckMaps(input, "a residual block");
        return [Channels, .. input.Skip(1).Select(n => (n - 1) / Stride + 1)];
    }

    /// <summary>Whether the skip path needs a 1×1 projection to match the block's output shape.</summary>
    public bool Projects(int[] input) => Skip && (Stride != 1 || input[0] != Channels);

    public override long Parameters(int[] input)
    {
        int[] middle = OutputShape(input);
        long parameters = ConvolutionUnit.ConvolutionParameters(input[0], Channels, input, 3, BatchNorm)
            + ConvolutionUnit.ConvolutionParameters(Channels, Channels, middle, 3, BatchNorm)
            + 2 * ConvolutionUnit.NormParameters(Channels, BatchNorm);
        if (Projects(input))
            parameters += ConvolutionUnit.ConvolutionParameters(input[0], Channels, input, 1, BatchNorm) + ConvolutionUnit.NormParameters(Channels, BatchNorm);
        return parameters;
    }

    public override long MultiplyAdds(int[] input)
    {
        int[] output = OutputShape(input);
        long positions = LayerSpec.Product(output.Skip(1));
        long kernel = (long)Math.Pow(3, input.Length - 1);
        long macs = positions * Channels * (input[0] * kernel + Channels * kernel);
        return Projects(input) ? macs + positions * Channels * input[0] : macs;
    }

    public override string Describe(int[] input)
    {
        string stride = Stride == 1 ? "" : $", stride {Stride}";
        string skip = !Skip ? "no skip" : Projects(input) ? "1×1 projection skip" : "identity skip";
        return $"block 2 × conv {Channels}@{Residual.KernelText(input, 3)}{stride}{(BatchNorm ? ", BN" : "")}, {skip}";
    }

    public override nn.Module<Tensor, Tensor> Build(int[] input) => new ResidualBlockModule(this, input);
}
