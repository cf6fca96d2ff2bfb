using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.ResNets;

/// <summary>Modules shared by the ResNet layers, in 1-D or 2-D after the example's shape ([C, L] or [C, H, W]).</summary>
internal static class Residual
{
    public static nn.Module<Tensor, Tensor> Conv(int[] input, int channels, int kernel, int stride, bool bias) => input.Length == 2
        ? nn.Conv1d(input[0], channels, kernel, stride: stride, padding: kernel / 2, bias: bias)
        : nn.Conv2d(input[0], channels, kernel, stride: stride, padding: kernel / 2, bias: bias);

    /// <summary>Batch norm over the channels of <paramref name="input"/>-shaped maps, or the identity.</summary>
    public static nn.Module<Tensor, Tensor> Norm(int[] input, int channels, bool batchNorm) => !batchNorm
        ? nn.Identity()
        : input.Length == 2 ? HeldScalarBatchNorm.BatchNorm1d(channels) : HeldScalarBatchNorm.BatchNorm2d(channels);

    public static string KernelText(int[] input, int kernel) => input.Length == 2 ? $"{kernel}" : $"{kernel}×{kernel}";

    public static void CheckMaps(int[] input, string layer)
    {
        if (input.Length is not (2 or 3))
            throw new TheoryLabException($"{layer} takes feature maps of shape [channels, length] or [channels, height, width], not {string.Join("×", input)}; put a channel axis first (SingleChannel).");
    }
}
