using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>Views an example without a channel axis (a length-40 MNIST-1D sequence) as one channel, [L] → [1, L].</summary>
public sealed record SingleChannel : LayerSpec
{
    public override int[] OutputShape(int[] input) => [1, .. input];

    public override string Describe(int[] input) => "as one channel";

    public override nn.Module<Tensor, Tensor> Build(int[] input) => nn.Unflatten(1, [1, .. input.Select(n => (long)n)]);
}
