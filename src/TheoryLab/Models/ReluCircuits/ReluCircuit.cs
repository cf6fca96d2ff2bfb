using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.ReluCircuits;

/// <summary>
/// A feed-forward ReLU network written down weight by weight: affine maps A₀, …, A_L with a ReLU after every
/// map but the last, x ↦ A_L σ(A_{L−1} ⋯ σ(A₀ x)). Circuits compose like the constructions in approximation
/// proofs: in series (<see cref="Then(ReluCircuit)"/>, which merges the two affine maps that meet) and side by side
/// (<see cref="Beside"/>, which pads the shallower part with identity layers σ(v) − σ(−v)), so a proof's
/// network is built as it is written and then run as an ordinary TorchSharp module.
/// </summary>
public sealed class ReluCircuit
{
    private readonly AffineMap[] _maps;

    public ReluCircuit(IReadOnlyList<AffineMap> maps)
    {
        if (maps.Count == 0) throw new ArgumentException("a circuit needs at least one affine map", nameof(maps));
        for (int l = 1; l < maps.Count; l++)
            if (maps[l].Inputs != maps[l - 1].Outputs)
                throw new ArgumentException($"map {l} takes {maps[l].Inputs} inputs but map {l - 1} gives {maps[l - 1].Outputs}", nameof(maps));
        _maps = [.. maps];
    }

    public IReadOnlyList<AffineMap> Maps => _maps;
    public int Inputs => _maps[0].Inputs;
    public int Outputs => _maps[^1].Outputs;

    /// <summary>Number of ReLU layers (0 for a plain affine map).</summary>
    public int HiddenLayers => _maps.Length - 1;

    /// <summary>Units in each ReLU layer.</summary>
    public IReadOnlyList<int> Widths => _maps[..^1].Select(m => m.Outputs).ToArray();

    /// <summary>Nonzero weights and biases: Yarotsky's "number of weights" of the construction.</summary>
    public long NonzeroParameters => _maps.Sum(m => m.NonzeroParameters);

    /// <summary>All weights and biases of the dense layers, zeros included.</summary>
    public long DenseParameters => _maps.Sum(m => (long)m.Inputs * m.Outputs + m.Outputs);

    /// <summary>Hidden units in all layers.</summary>
    public long Units => Widths.Sum();

    /// <summary>An affine map as a circuit without hidden layers.</summary>
    public static ReluCircuit Affine(double[,] weights, double[] biases) => new([new AffineMap(weights, biases)]);

    /// <summary>x ↦ W₂σ(W₁x + b₁) + b₂: one hidden layer.</summary>
    public static ReluCircuit OneHiddenLayer(double[,] weights1, double[] biases1, double[,] weights2, double[] biases2) =>
        new([new AffineMap(weights1, biases1), new AffineMap(weights2, biases2)]);

    /// <summary>The identity on n values through <paramref name="hiddenLayers"/> ReLU layers: σ(v) − σ(−v), or σ(v) alone where every carried value is known to be ≥ 0.</summary>
    public static ReluCircuit Identity(int n, int hiddenLayers, bool nonNegative = false)
    {
        if (hiddenLayers == 0) return new([AffineMap.Identity(n)]);
        int copies = nonNegative ? 1 : 2;
        var maps = new List<AffineMap>();
        var split = new double[copies * n, n];
        for (int i = 0; i < n; i++)
        {
            split[i, i] = 1;
            if (!nonNegative) split[n + i, i] = -1;
        }
        var merge = new double[n, copies * n];
        for (int i = 0; i < n; i++)
        {
            merge[i, i] = 1;
            if (!nonNegative) merge[i, n + i] = -1;
        }
        var keep = new double[copies * n, copies * n];
        for (int i = 0; i < copies * n; i++) keep[i, i] = 1;
        maps.Add(new AffineMap(split, new double[copies * n]));
        for (int l = 1; l < hiddenLayers; l++) maps.Add(new AffineMap(keep, new double[copies * n]));
        maps.Add(new AffineMap(merge, new double[n]));
        return new(maps);
    }

    /// <summary>This circuit followed by <paramref name="next"/>; the affine maps that meet are multiplied into one.</summary>
    public ReluCircuit Then(ReluCircuit next)
    {
        if (next.Inputs != Outputs) throw new ArgumentException($"cannot feed {Outputs} outputs into a circuit of {next.Inputs} inputs", nameof(next));
        var maps = new List<AffineMap>(_maps[..^1]) { next._maps[0].After(_maps[^1]) };
        maps.AddRange(next._maps[1..]);
        return new(maps);
    }

    /// <summary>This circuit followed by an affine map.</summary>
    public ReluCircuit Then(double[,] weights, double[] biases) => Then(Affine(weights, biases));

    /// <summary>
    /// Circuits side by side: inputs and outputs concatenated in order. Shallower parts are padded with identity
    /// layers at their outputs so that all have the same number of hidden layers.
    /// </summary>
    public static ReluCircuit Beside(params ReluCircuit[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("give at least one circuit", nameof(parts));
        int depth = parts.Max(p => p.HiddenLayers);
        var padded = parts.Select(p => p.HiddenLayers == depth ? p : p.Then(Identity(p.Outputs, depth - p.HiddenLayers))).ToArray();
        var maps = Enumerable.Range(0, depth + 1).Select(l => AffineMap.BlockDiagonal(padded.Select(p => p._maps[l]).ToArray())).ToArray();
        return new(maps);
    }

    /// <summary>The network's output at one input, in plain double arithmetic (the reference for the TorchSharp module).</summary>
    public double[] Evaluate(ReadOnlySpan<double> x)
    {
        var h = _maps[0].Apply(x);
        for (int l = 1; l < _maps.Length; l++)
        {
            for (int i = 0; i < h.Length; i++) h[i] = Math.Max(h[i], 0);
            h = _maps[l].Apply(h);
        }
        return h;
    }

    /// <summary>The output of a one-input, one-output circuit.</summary>
    public double Evaluate(double x)
    {
        if (Inputs != 1 || Outputs != 1) throw new InvalidOperationException($"the circuit maps {Inputs} inputs to {Outputs} outputs, not one to one");
        return Evaluate([x])[0];
    }

    /// <summary>A one-input, one-output circuit as a <see cref="ReluNetwork"/>, whose linear pieces <see cref="LinearPieces"/> enumerates exactly.</summary>
    public ReluNetwork ToReluNetwork()
    {
        if (Inputs != 1 || Outputs != 1) throw new InvalidOperationException($"the circuit maps {Inputs} inputs to {Outputs} outputs, not one to one");
        return new ReluNetwork(_maps[..^1].Select(m => new DenseLayer(m.Weights(), m.Biases())).ToArray(), new DenseLayer(_maps[^1].Weights(), _maps[^1].Biases()));
    }

    /// <summary>The circuit as a TorchSharp module of Linear and ReLU layers, with these weights, in float64.</summary>
    public nn.Module<Tensor, Tensor> ToModule()
    {
        TorchRuntime.EnsureLoaded();
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < _maps.Length; l++)
        {
            var map = _maps[l];
            var linear = nn.Linear(map.Inputs, map.Outputs, hasBias: true, dtype: float64);
            using (no_grad())
            {
                linear.weight!.copy_(tensor(map.Weights(), dtype: float64));
                linear.bias!.copy_(tensor(map.Biases(), dtype: float64));
            }
            layers.Add(($"linear{l}", linear));
            if (l < _maps.Length - 1) layers.Add(($"relu{l}", nn.ReLU()));
        }
        return nn.Sequential(layers);
    }
}
