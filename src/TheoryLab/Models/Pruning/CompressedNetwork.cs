using TheoryLab.Models.ConvNets;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// A physically smaller network made from a trained one (fewer units, or factored layers): its description, which
/// gives its parameters and multiply–adds, and the module itself, which the caller owns.
/// </summary>
public sealed record CompressedNetwork(SequentialSpec Spec, nn.Module<Tensor, Tensor> Network) : IDisposable
{
    /// <summary>
    /// Builds <paramref name="spec"/> in the dtype and on the device of the given values and copies them into its
    /// affine layers in order (<see cref="WeightedLayers"/>); a layer without a bias takes a null one.
    /// </summary>
    internal static CompressedNetwork Fill(SequentialSpec spec, IReadOnlyList<(Tensor Weight, Tensor? Bias)> values)
    {
        // Every parameter is overwritten below, so the draw that initialises the new module never shows.
        using var unused = new Generator(0);
        var network = spec.Build(unused).to(values[0].Weight.dtype).to(values[0].Weight.device);
        var layers = WeightedLayers.Of(network).ToList();
        if (layers.Count != values.Count) throw new InvalidOperationException($"{spec.Name} has {layers.Count} weighted layers, not the {values.Count} given");
        using var noGrad = no_grad();
        for (int k = 0; k < layers.Count; k++)
        {
            layers[k].Weight.copy_(values[k].Weight);
            if (layers[k].Bias is { } bias) bias.copy_(values[k].Bias ?? throw new InvalidOperationException($"layer {k} needs a bias"));
        }
        return new CompressedNetwork(spec, network);
    }

    /// <summary>The affine layers' weights and biases of a perceptron described by <paramref name="spec"/>, refusing any other architecture.</summary>
    internal static IReadOnlyList<(Tensor Weight, Tensor? Bias)> PerceptronLayers(SequentialSpec spec, nn.Module model, string what)
    {
        if (spec.Layers.Any(l => l is not (Dense or ActivationLayer)))
            throw new TheoryLabException($"{what} needs a perceptron of affine layers and elementwise activations; {spec.Name} has {string.Join(", ", spec.Layers.Where(l => l is not (Dense or ActivationLayer)).Select(l => l.GetType().Name).Distinct())}.");
        var layers = WeightedLayers.Of(model).Select(l => (l.Weight, l.Bias)).ToList();
        int dense = spec.Layers.Count(l => l is Dense);
        if (layers.Count != dense) throw new TheoryLabException($"{spec.Name} describes {dense} affine layers but the model has {layers.Count}; pass the model built from it.");
        return layers;
    }

    public void Dispose() => Network.Dispose();
}
