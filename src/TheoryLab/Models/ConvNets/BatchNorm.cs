using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// Batch normalisation (Ioffe and Szegedy 2015): each channel (or, after an affine layer, each feature) is
/// standardised by the mean and variance over the batch and its spatial positions, then scaled by a trained γ and
/// shifted by a trained β. In evaluation mode the running averages of those statistics take their place. The
/// shape is kept; the trained parameters are γ and β, two per channel (the running statistics are buffers).
/// </summary>
public sealed record BatchNorm : LayerSpec
{
    public override int[] OutputShape(int[] input)
    {
        Channels(input);
        return input;
    }

    public override long Parameters(int[] input) => 2L * Channels(input);

    public override string Describe(int[] input) => "batch norm";

    public override nn.Module<Tensor, Tensor> Build(int[] input) => input.Length == 3
        ? HeldScalarBatchNorm.BatchNorm2d(Channels(input))
        : HeldScalarBatchNorm.BatchNorm1d(Channels(input));

    /// <summary>The normalised axis: the features of a vector, or the channels of [C, L] and [C, H, W] examples.</summary>
    private static int Channels(int[] input) => input.Length is >= 1 and <= 3
        ? input[0]
        : throw new TheoryLabException($"batch norm takes examples of shape [features], [channels, length] or [channels, height, width], not {Shape(input)}.");
}
