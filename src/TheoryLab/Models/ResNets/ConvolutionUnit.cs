using TheoryLab.Models.ConvNets;
using static TorchSharp.torch;

namespace TheoryLab.Models.ResNets;

/// <summary>
/// A 3-wide (or 3×3) convolution with padding 1, optionally batch-normalised, then ReLU: the stem of a CIFAR-style
/// ResNet (He et al. 2016, Section 4.2). With batch norm the convolution has no bias, which the normalisation would
/// cancel.
/// </summary>
/// <param name="Channels">Output channels.</param>
/// <param name="BatchNorm">Normalise the convolution's output over the batch before the ReLU.</param>
public sealed record ConvolutionUnit(int Channels, bool BatchNorm = true) : LayerSpec
{
    public override int[] OutputShape(int[] input) => Kernel3.OutputShape(input);

    public override long Parameters(int[] input) => ConvolutionParameters(input[0], Channels, input, 3, BatchNorm) + NormParameters(Channels, BatchNorm);

    public override long MultiplyAdds(int[] input) => Kernel3.MultiplyAdds(input);

    public override string Describe(int[] input) => $"conv {Channels}@{Residual.KernelText(input, 3)}, pad 1{(BatchNorm ? ", BN" : "")}, ReLU";

    public override nn.Module<Tensor, Tensor> Build(int[] input) => nn.Sequential(
        ("conv", Residual.Conv(input, Channels, 3, stride: 1, bias: !BatchNorm)),
        ("norm", Residual.Norm(input, Channels, BatchNorm)),
        ("relu", nn.ReLU()));

    private Convolution Kernel3 => new(Channels, 3, Padding: 1);

    /// <summary>Weights of a convolution with <paramref name="kernel"/>-wide kernels, plus a bias unless batch norm follows.</summary>
    internal static long ConvolutionParameters(int inChannels, int channels, int[] input, int kernel, bool batchNorm) =>
        channels * (inChannels * (long)Math.Pow(kernel, input.Length - 1) + (batchNorm ? 0 : 1));

    /// <summary>The scale and shift of each channel of a batch norm, or nothing.</summary>
    internal static long NormParameters(int channels, bool batchNorm) => batchNorm ? 2L * channels : 0;
}
