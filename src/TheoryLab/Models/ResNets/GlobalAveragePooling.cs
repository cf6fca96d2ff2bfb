using TheoryLab.Models.ConvNets;
using static TorchSharp.torch;

namespace TheoryLab.Models.ResNets;

/// <summary>The mean of each channel over all positions, [C, …] → [C]: the pooling before a ResNet's classifier.</summary>
public sealed record GlobalAveragePooling : LayerSpec
{
    public override int[] OutputShape(int[] input)
    {
        Residual.CheckMaps(input, "global average pooling");
        return [input[0]];
    }

    public override string Describe(int[] input) => "global average pool";

    public override nn.Module<Tensor, Tensor> Build(int[] input) => nn.Sequential(
        ("pool", input.Length == 2 ? nn.AdaptiveAvgPool1d(1) : nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()));
}
