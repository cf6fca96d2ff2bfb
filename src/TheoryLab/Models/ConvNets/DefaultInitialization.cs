using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// Torch's default initialisation of affine and convolution layers, weights and biases from U(−1/√fan-in, 1/√fan-in)
/// (what <c>kaiming_uniform_</c> with a = √5 gives), drawn from an explicit generator: a network's weights then depend
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
            double weightBound = WeightBound(fanIn), biasBound = 1 / Math.Sqrt(fanIn);
            weight.uniform_(-weightBound, weightBound, generator);
            bias?.uniform_(-biasBound, biasBound, generator);
        }
    }

    /// <summary>
    /// √3 · gain / √fan-in with the leaky-ReLU gain √(2/(1 + a²)) at a = √5, computed in libtorch's order: equal to
    /// 1/√fan-in in exact arithmetic, and computed as libtorch does so that it rounds to torch's bound.
    /// </summary>
    private static double WeightBound(long fanIn)
    {
        double a = Math.Sqrt(5);
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        return Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
    }
}
