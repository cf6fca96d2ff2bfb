using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// The affine and convolution layers of a module with their weights and biases, depth first in the order they were
/// registered, which is the order their constructors drew their initial values in (<c>modules()</c> lists breadth
/// first, so a nested layer would come after the layers that follow it).
/// </summary>
internal static class WeightedLayers
{
    public static IEnumerable<(Tensor Weight, Tensor? Bias, bool IsConvolution)> Of(nn.Module module)
    {
        foreach (var layer in DepthFirst(module))
        {
            switch (layer)
            {
                case Linear l: yield return (l.weight!, l.bias, false); break;
                case Conv1d c: yield return (c.weight!, c.bias, true); break;
                case Conv2d c: yield return (c.weight!, c.bias, true); break;
            }
        }
    }

    /// <summary>Inputs that feed one output: in-features, or in-channels times the kernel's positions.</summary>
    public static long FanIn(Tensor weight) => weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    private static IEnumerable<nn.Module> DepthFirst(nn.Module module) => [module, .. module.children().SelectMany(DepthFirst)];
}
