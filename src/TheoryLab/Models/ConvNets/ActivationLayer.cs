using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>An elementwise nonlinearity; it keeps the shape and has no parameters.</summary>
public sealed record ActivationLayer(Nonlinearity Function) : LayerSpec
{
    public override int[] OutputShape(int[] input) => input;

    public override string Describe(int[] input) => Function == Nonlinearity.Relu ? "ReLU" : "tanh";

    public override nn.Module<Tensor, Tensor> Build(int[] input) => Function == Nonlinearity.Relu ? nn.ReLU() : nn.Tanh();
}
