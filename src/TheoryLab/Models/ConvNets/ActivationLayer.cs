using TheoryLab.Models.MeanField;
using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// An elementwise nonlinearity; it keeps the shape and has no parameters. It takes the same <see cref="Activation"/>
/// the mean-field experiments use, so there is one vocabulary of activations (<see cref="Activations"/>) for every network.
/// </summary>
public sealed record ActivationLayer : LayerSpec
{
    public ActivationLayer(Activation function)
    {
        if (function.Tensor is null)
            throw new TheoryLabException(
                $"activation '{function.Name}' has no tensor form, so gradients could not flow through it; give it one (activation with {{ Tensor = x => … }}) to use it in a network.");
        Function = function;
    }

    public Activation Function { get; }

    public override int[] OutputShape(int[] input) => input;

    public override string Describe(int[] input) => Function.Name;

    public override nn.Module<Tensor, Tensor> Build(int[] input) => new Pointwise(Function);

    /// <summary>The activation's tensor function as a module.</summary>
    private sealed class Pointwise(Activation function) : nn.Module<Tensor, Tensor>(function.Name)
    {
        public override Tensor forward(Tensor input) => function.Tensor!(input);
    }
}
