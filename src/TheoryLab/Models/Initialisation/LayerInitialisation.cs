using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Initialisation;

/// <summary>
/// How an affine layer's weights and biases start, drawn from an explicit generator so that a network depends on its
/// seed alone, not on what else drew from torch's global generator. The built-in rules are
/// <see cref="TorchDefaultInitialisation"/>, <see cref="MeanFieldInitialisation"/> and <see cref="GlorotInitialisation"/>.
/// </summary>
public abstract record LayerInitialisation
{
    /// <summary>
    /// A fanIn → fanOut layer: its weight matrix drawn first, then its biases. Every network in the project draws in
    /// this order, layer after layer, and its stored findings depend on it. Built from its parameters, because
    /// constructing nn.Linear first would waste a default initialisation on the global generator.
    /// </summary>
    public Linear Layer(long fanIn, long fanOut, Generator generator, ScalarType dtype, Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        var weight = Weight(fanOut, fanIn, generator, dtype, device);
        var bias = Bias(fanOut, fanIn, generator, dtype, device);
        return nn.Linear(new Parameter(weight), new Parameter(bias));
    }

    /// <summary>The fanOut × fanIn weight matrix.</summary>
    protected abstract Tensor Weight(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device);

    /// <summary>The fanOut biases.</summary>
    protected abstract Tensor Bias(long fanOut, long fanIn, Generator generator, ScalarType dtype, Device? device);
}
