using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// The finite network of an <see cref="MlpSpec"/>: h¹ = W¹x + b¹, h^l = W^l φ(h^{l−1}) + b^l for l = 2…L,
/// optionally followed by a readout W^{out} φ(h^L) + b^{out}. Parameters are float64 and trainable.
/// </summary>
public sealed class RandomMlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly Linear? readout;

    internal RandomMlp(MlpSpec spec, int inputDimension, int? outputs, Device? device, Generator generator) : base(nameof(RandomMlp))
    {
        if (inputDimension < 1) throw new TheoryLabException($"input dimension = {inputDimension}: inputs need at least one coordinate.");
        if (outputs is < 1) throw new TheoryLabException($"outputs = {outputs}: a readout needs at least one output.");
        TorchRuntime.EnsureLoaded();
        Spec = spec;
        var list = new Linear[spec.Depth];
        for (int l = 0; l < spec.Depth; l++) list[l] = DrawLayer(spec, l == 0 ? inputDimension : spec.Width, spec.Width, generator, device);
        layers = nn.ModuleList(list);
        if (outputs is { } n) readout = DrawLayer(spec, spec.Width, n, generator, device);
        RegisterComponents();
    }

    public MlpSpec Spec { get; }

    /// <summary>The affine layers W^l, b^l in order.</summary>
    public IReadOnlyList<Linear> Layers => [.. layers];

    /// <summary>The readout W^{out}, b^{out}, or null when the network has none.</summary>
    public Linear? Readout => readout;

    /// <summary>The network's output: h^L, or the readout of φ(h^L) when the network has one.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        for (int l = 0; l < layers.Count; l++) h = layers[l].forward(l == 0 ? h : Spec.Activation.Apply(h));
        var output = readout is null ? h : readout.forward(Spec.Activation.Apply(h));
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>h¹ … h^L for a batch x of shape [batch, N₀]; the caller owns (disposes or scopes) the tensors.</summary>
    public IReadOnlyList<Tensor> Preactivations(Tensor x)
    {
        var result = new Tensor[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            using var scope = NewDisposeScope();
            var input = l == 0 ? x : Spec.Activation.Apply(result[l - 1]);
            result[l] = layers[l].forward(input).MoveToOuterDisposeScope();
        }
        return result;
    }

    /// <summary>
    /// One affine layer drawn from the spec: W from the spec's weight distribution with Var W_ij = σ_w²/fan-in,
    /// b_i ~ N(0, σ_b²), float64. Built from its parameters, because constructing nn.Linear first would waste a
    /// default initialisation.
    /// </summary>
    public static Linear DrawLayer(MlpSpec spec, long fanIn, long fanOut, Generator generator, Device? device = null)
    {
        var weight = spec.Weights.Draw(fanOut, fanIn, spec.SigmaW2, device, generator);
        // Held until used: a temporary Scalar could be finalised by a collection another thread triggers mid-call.
        using var biasScale = Math.Sqrt(spec.SigmaB2).ToScalar();
        var bias = spec.SigmaB2 > 0
            ? randn([fanOut], dtype: ScalarType.Float64, device: device, generator: generator).mul_(biasScale)
            : zeros(fanOut, dtype: ScalarType.Float64, device: device);
        return nn.Linear(new Parameter(weight), new Parameter(bias));
    }
}
