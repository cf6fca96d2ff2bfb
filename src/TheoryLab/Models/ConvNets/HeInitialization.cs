using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// He et al.'s (2015) initialisation for ReLU networks: weights N(0, 2/fan-in), which keeps the size of the signal
/// from layer to layer. Torch's default (uniform, variance 1/(3 fan-in)) shrinks it by a factor 6 in variance per ReLU
/// layer, so a deep stack without normalisation starts with vanishing signals and gradients.
/// </summary>
public static class HeInitialization
{
    /// <summary>
    /// Redraws the weights of every convolution in <paramref name="module"/> (and its submodules) from N(0, 2/fan-in),
    /// from <paramref name="generator"/>; biases and other layers are left as they are.
    /// </summary>
    public static void Convolutions(nn.Module module, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var (weight, _, isConvolution) in WeightedLayers.Of(module))
            // √2/√fan-in in this order is libtorch's kaiming_normal_, so the draws are torch's own after manual_seed.
            if (isConvolution) weight.normal_(0, Math.Sqrt(2.0) / Math.Sqrt(WeightedLayers.FanIn(weight)), generator);
    }
}
