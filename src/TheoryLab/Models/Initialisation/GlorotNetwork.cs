using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Initialisation;

/// <summary>What flows through a <see cref="GlorotNetwork"/> for a batch: each layer's values over units and examples.</summary>
/// <param name="Activations">Activations[k − 1]: z^k = φ(s^k) of hidden layer k, every unit of every example.</param>
/// <param name="Gradients">Gradients[k − 1]: ∂C/∂s^k at the pre-activations of layer k = 1 … L + 1 (the last the logits), C the summed cross-entropy.</param>
public sealed record LayerSignals(double[][] Activations, double[][] Gradients);

/// <summary>The finite network of a <see cref="GlorotSpec"/>: s^k = W^k z^{k−1} + b^k, z^k = φ(s^k), logits s^{L+1}.</summary>
public sealed class GlorotNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    internal GlorotNetwork(GlorotSpec spec, Generator generator, ScalarType dtype) : base(nameof(GlorotNetwork))
    {
        TorchRuntime.EnsureLoaded();
        Spec = spec;
        var list = new Linear[spec.LayerSizes.Length - 1];
        for (int k = 1; k <= list.Length; k++)
        {
            // U[0, 1) stretched to U[−b, b); the Scalars are held until used, since networks are drawn on several threads
            // and a temporary Scalar could be finalised while libtorch still reads it.
            using var width = (2 * spec.WeightBound(k)).ToScalar();
            using var shift = spec.WeightBound(k).ToScalar();
            var weight = rand([spec.FanOut(k), spec.FanIn(k)], dtype: dtype, generator: generator).mul_(width).sub_(shift);
            list[k - 1] = nn.Linear(new Parameter(weight), new Parameter(zeros(spec.FanOut(k), dtype: dtype)));
        }
        layers = nn.ModuleList(list);
        RegisterComponents();
    }

    public GlorotSpec Spec { get; }

    /// <summary>The affine layers W^k, b^k in order, the readout last.</summary>
    public IReadOnlyList<Linear> Layers => [.. layers];

    /// <summary>The logits for a batch x of shape [batch, n₀].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        for (int k = 0; k < layers.Count; k++)
        {
            h = layers[k].forward(h);
            if (k + 1 < layers.Count) h = Spec.Activation.Apply(h);
        }
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Activations of every hidden layer and the back-propagated gradients ∂C/∂s^k of every layer for one batch, C the
    /// cross-entropy summed over the batch (so each example's gradient is its own, as in per-example SGD).
    /// </summary>
    public LayerSignals Signals(Tensor inputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var preactivations = new List<Tensor>(layers.Count);
        var h = inputs;
        for (int k = 0; k < layers.Count; k++)
        {
            var s = layers[k].forward(h);
            preactivations.Add(s);
            h = k + 1 < layers.Count ? Spec.Activation.Apply(s) : s;
        }
        var cost = nn.functional.cross_entropy(h, labels, reduction: nn.Reduction.Sum);
        var gradients = autograd.grad([cost], preactivations);
        using var noGrad = no_grad();
        return new LayerSignals(
            [.. preactivations.Take(layers.Count - 1).Select(s => Values(Spec.Activation.Apply(s)))],
            [.. gradients.Select(Values)]);
    }

    private static double[] Values(Tensor t) => t.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();
}
