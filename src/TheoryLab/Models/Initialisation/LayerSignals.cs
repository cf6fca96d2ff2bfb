using TheoryLab.Models.FullyConnected;
using static TorchSharp.torch;

namespace TheoryLab.Models.Initialisation;

/// <summary>What flows through a classifier <see cref="Mlp"/> for a batch: each layer's values over units and examples.</summary>
/// <param name="Activations">Activations[k − 1]: z^k = φ(s^k) of hidden layer k, every unit of every example.</param>
/// <param name="Gradients">Gradients[k − 1]: ∂C/∂s^k at the pre-activations of layer k = 1 … L + 1 (the last the logits), C the summed cross-entropy.</param>
public sealed record LayerSignals(double[][] Activations, double[][] Gradients)
{
    /// <summary>
    /// Activations of every hidden layer of <paramref name="network"/> and the back-propagated gradients ∂C/∂s^k of every
    /// layer for one batch, C the cross-entropy summed over the batch (so each example's gradient is its own, as in
    /// per-example SGD).
    /// </summary>
    public static LayerSignals Of(Mlp network, Tensor inputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var preactivations = network.Preactivations(inputs);
        var cost = nn.functional.cross_entropy(preactivations[^1], labels, reduction: nn.Reduction.Sum);
        var gradients = autograd.grad([cost], [.. preactivations]);
        using var noGrad = no_grad();
        return new LayerSignals(
            [.. preactivations.Take(preactivations.Count - 1).Select(s => Values(network.Activation.Apply(s)))],
            [.. gradients.Select(Values)]);
    }

    private static double[] Values(Tensor t) => t.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();
}
