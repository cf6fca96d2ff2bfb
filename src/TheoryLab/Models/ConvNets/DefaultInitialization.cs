using TheoryLab.Models.Initialisation;
using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// Torch's default initialisation of affine and convolution layers (<see cref="TorchDefaultInitialisation"/>) redrawn
/// in place in a built module, from an explicit generator: a network's weights then depend
/// on its seed alone, not on what else drew from torch's global generator first, so runs can share a process.
/// </summary>
public static class DefaultInitialization
{
    /// <summary>
    /// Redraws every linear and convolution layer of <paramref name="module"/> and its submodules in the order their
    /// constructors drew: a network built from a generator seeded s holds the weights torch would have drawn after
    /// <c>manual_seed(s)</c>.
    /// </summary>
    public static void Apply(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var (weight, bias, _) in WeightedLayers.Of(module))
        {
            long fanIn = WeightedLayers.FanIn(weight);
            double weightBound = TorchDefaultInitialisation.WeightBound(fanIn), biasBound = TorchDefaultInitialisation.BiasBound(fanIn);
            weight.uniform_(-weightBound, weightBound, generator);
            bias?.uniform_(-biasBound, biasBound, generator);
        }
    }
}
