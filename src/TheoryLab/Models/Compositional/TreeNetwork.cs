using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Compositional;

/// <summary>
/// A deep network that mirrors a binary tree: each of the n − 1 nodes is a one-hidden-layer ReLU network
/// 2 → Q → 1 that sees only its two children, Σ_q a_q σ(⟨v_q, (u, w)⟩ + t_q) + c (Poggio et al. 2017, Fig. 1).
/// The nodes of a level are evaluated together as batched products. With shared weights every node of a
/// level uses the same parameters (a convolutional network with stride 2).
/// </summary>
public sealed class TreeNetwork : nn.Module<Tensor, Tensor>
{
    private readonly int _inputs;
    private readonly List<(Parameter W1, Parameter B1, Parameter W2, Parameter B2)> _levels = [];

    /// <param name="inputs">n, a power of two.</param>
    /// <param name="units">Q, the hidden units of each node.</param>
    /// <param name="shareWeights">One set of node parameters per level instead of one per node.</param>
    /// <param name="generator">Draws the initial weights.</param>
    public TreeNetwork(int inputs, int units, bool shareWeights, Generator generator, ScalarType dtype = ScalarType.Float32) : base("tree_network")
    {
        if (inputs < 2 || (inputs & (inputs - 1)) != 0) throw new ArgumentException($"n = {inputs} is not a power of two", nameof(inputs));
        _inputs = inputs;
        int level = 0;
        for (int nodes = inputs / 2; nodes >= 1; nodes /= 2, level++)
        {
            int sets = shareWeights ? 1 : nodes;
            // He initialisation (variance 2/fan_in into the ReLUs, 1/fan_in out of them) keeps every level's
            // outputs at the scale of its inputs; PyTorch's smaller default shrinks the signal level by level,
            // and the upper nodes then start on a plateau where their inputs barely vary.
            var w1 = Normal([sets, 2, units], 1, generator, dtype);
            var b1 = Normal([sets, units], 0.5, generator, dtype);
            var w2 = Normal([sets, units], 1 / Math.Sqrt(units), generator, dtype);
            var b2 = new Parameter(zeros([sets], dtype: dtype));
            register_parameter($"level{level}_w1", w1);
            register_parameter($"level{level}_b1", b1);
            register_parameter($"level{level}_w2", w2);
            register_parameter($"level{level}_b2", b2);
            _levels.Add((w1, b1, w2, b2));
        }
    }

    /// <summary>Weights and biases of all nodes: (n − 1)(4Q + 1), or log₂ n · (4Q + 1) with shared weights.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>(n − 1)(4Q + 1), or log₂(n)(4Q + 1) when each level shares one node's parameters.</summary>
    public static long CountFor(int inputs, int units, bool shareWeights) =>
        (shareWeights ? (long)Math.Round(Math.Log2(inputs)) : inputs - 1L) * (4L * units + 1);

    public override Tensor forward(Tensor x)
    {
        if (x.shape[1] != _inputs) throw new ArgumentException($"the network takes {_inputs} inputs, not {x.shape[1]}", nameof(x));
        var values = x;
        foreach (var (w1, b1, w2, b2) in _levels)
        {
            long nodes = values.shape[1] / 2;
            var pairs = values.reshape(values.shape[0], nodes, 2);
            var hidden = nn.functional.relu(einsum("bni,niq->bnq", pairs, Expand(w1, nodes)).Plus(Expand(b1, nodes)));
            values = einsum("bnq,nq->bn", hidden, Expand(w2, nodes)).Plus(Expand(b2, nodes));
        }
        return values.squeeze(1);
    }

    private static Tensor Expand(Tensor parameter, long nodes) =>
        parameter.shape[0] == nodes ? parameter : parameter.expand([nodes, .. parameter.shape[1..]]);

    private static Parameter Normal(long[] shape, double std, Generator generator, ScalarType dtype)
    {
        // An explicit Scalar: an implicitly converted one is left to the garbage collector, which may free it while
        // libtorch reads it (TorchSharp 0.107; seen as "Unknown scalar type" when tests run in parallel).
        using var scale = std.ToScalar();
        return new(randn(shape, dtype: dtype, generator: generator).mul_(scale));
    }
}
