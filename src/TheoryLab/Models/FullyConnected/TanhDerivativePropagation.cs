using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.FullyConnected;

/// <summary>
/// A tanh network's output with its derivatives along input directions, each [n, outputs] and in the autograd graph.
/// </summary>
/// <param name="Value">u at the inputs.</param>
/// <param name="First">∂_v u for each direction v asked for, in order.</param>
/// <param name="Second">∂²_v u for each second derivative asked for, in order.</param>
public sealed record PropagatedDerivatives(Tensor Value, IReadOnlyList<Tensor> First, IReadOnlyList<Tensor> Second);

/// <summary>
/// Input derivatives of a tanh <see cref="Mlp"/> carried forward through its layers with the values (forward mode, a
/// truncated Taylor series per direction), instead of differentiating the output by autograd and that derivative
/// again. Through z = W a + b the derivatives go as z_v = W a_v and z_vv = W a_vv; through a = tanh z, with
/// s = 1 − a², as a_v = s z_v and a_vv = s (z_vv − 2 a z_v²). A loss built from them needs one reverse pass for its
/// parameter gradient. Each direction keeps its own [n, width] tensor and its own matrix product: stacking them
/// into one [k·n, width] product was measured slower on the CPU (the stacking copies, and the slices' backward
/// fills whole zero tensors), and at width 20 a product costs no more per row alone than stacked.
/// </summary>
public static class TanhDerivativePropagation
{
    /// <summary>
    /// u(x) and its derivatives at rows of <paramref name="inputs"/> ([n, inputs]): first derivatives along each of
    /// <paramref name="directions"/> (vectors in input space, not necessarily unit), and second derivatives along the
    /// directions whose indices <paramref name="secondAlong"/> names.
    /// </summary>
    public static PropagatedDerivatives Propagate(Mlp model, Tensor inputs, IReadOnlyList<double[]> directions, IReadOnlyList<int> secondAlong)
    {
        if (model.Activation != Activations.Tanh) throw new TheoryLabException($"derivative propagation is written for tanh networks, not {model.Activation.Name}; use autograd for this one.");
        int inputCount = model.Widths[0];
        if (directions.Any(v => v.Length != inputCount)) throw new TheoryLabException($"give each direction {inputCount} components, one per input of the network.");
        if (secondAlong.Any(i => i < 0 || i >= directions.Count)) throw new TheoryLabException($"a second derivative names a direction outside 0 … {directions.Count - 1}; name one of the directions given.");

        using var scope = NewDisposeScope();
        long n = inputs.shape[0];
        var value = inputs;
        // The input's own derivatives: v along direction v, nothing of second order (the input is linear in itself).
        var first = directions.Select(v => tensor(v, inputs.dtype, inputs.device).expand(n, inputCount)).ToArray();
        var second = secondAlong.Select(_ => zeros([n, inputCount], inputs.dtype, inputs.device)).ToArray();
        var layers = model.Layers;
        using Scalar one = 1.0.ToScalar(), minusTwo = (-2.0).ToScalar();
        for (int l = 0; l < layers.Count - 1; l++)
        {
            var weight = layers[l].weight!.t();
            var a = addmm(layers[l].bias!, value, weight, 1, 1).tanh_();
            var slope = a.Squared().neg_().PlusInPlace(one);
            var z = first.Select(d => d.mm(weight)).ToArray();
            second = [.. second.Select((d, k) => d.mm(weight).addcmul_(a, z[secondAlong[k]].Squared(), minusTwo).mul(slope))];
            first = [.. z.Select(d => d.mul(slope))];
            value = a;
        }
        var output = layers[^1].weight!.t();
        return new PropagatedDerivatives(addmm(layers[^1].bias!, value, output, 1, 1).MoveToOuterDisposeScope(),
            [.. first.Select(d => d.mm(output).MoveToOuterDisposeScope())],
            [.. second.Select(d => d.mm(output).MoveToOuterDisposeScope())]);
    }
}
