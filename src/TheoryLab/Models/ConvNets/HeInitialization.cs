using TorchSharp.Modules;
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
    /// from torch's generator; biases and other layers are left as they are.
    /// </summary>
    public static void Convolutions(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var layer in module.modules())
        {
            var weight = layer switch
            {
                Conv1d c => c.weight,
                Conv2d c => c.weight,
                _ => null,
            };
            if (weight is not null) nn.init.kaiming_normal_(weight, nonlinearity: nn.init.NonlinearityType.ReLU);
        }
    }
}
