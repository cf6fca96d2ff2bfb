using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// Several networks of <see cref="MlpSpec"/>s of one shape (same activation, depth, width, inputs and outputs; any σ_w², σ_b² and
/// weight distribution) stacked into one module, so that one training step trains them all on one thread and libtorch
/// parallelises the bigger kernels: layer l holds the members' weights as one [members, n_out, n_in] tensor and their
/// biases as [members, n_out], and the forward pass is one batched matrix product per layer. Member g starts exactly as
/// <c>specs[g].Build(inputs, generators[g], outputs, device)</c> would, drawn by that same code. Members never mix, so
/// under a loss that sums per-member losses each member's gradient is that of its own loss.
/// </summary>
public sealed class MlpEnsemble : nn.Module<Tensor, Tensor>
{
    private readonly ParameterList weights;
    private readonly ParameterList biases;

    /// <param name="specs">One spec per member; they must agree in activation, depth and width.</param>
    /// <param name="inputDimension">Inputs of every member.</param>
    /// <param name="outputs">Size of every member's readout, or null for none (the output is h^L).</param>
    /// <param name="generators">One generator per member, each drawn from as by <see cref="MlpSpec.Build"/>.</param>
    /// <param name="device">Device of the parameters.</param>
    public MlpEnsemble(IReadOnlyList<MlpSpec> specs, int inputDimension, int? outputs, IReadOnlyList<Generator> generators, Device? device = null)
        : base(nameof(MlpEnsemble))
    {
        if (specs.Count == 0) throw new TheoryLabException("an ensemble needs at least one member.");
        if (generators.Count != specs.Count) throw new ArgumentException($"{specs.Count} specs but {generators.Count} generators", nameof(generators));
        var first = specs[0];
        if (specs.Any(s => s.Activation != first.Activation || s.Depth != first.Depth || s.Width != first.Width))
            throw new TheoryLabException("the members of an ensemble must share activation, depth and width; build one ensemble per shape.");
        TorchRuntime.EnsureLoaded();
        Specs = specs;
        var members = specs.Select((spec, g) => spec.Build(inputDimension, generators[g], outputs, device)).ToArray();
        try
        {
            var layers = members.Select(m => m.Layers).ToArray();
            using var noGrad = no_grad();
            weights = nn.ParameterList([.. Enumerable.Range(0, layers[0].Count).Select(l => new Parameter(stack(layers.Select(m => m[l].weight!))))]);
            biases = nn.ParameterList([.. Enumerable.Range(0, layers[0].Count).Select(l => new Parameter(stack(layers.Select(m => m[l].bias!))))]);
        }
        finally
        {
            foreach (var member in members) member.Dispose();
        }
        RegisterComponents();
    }

    /// <summary>The members' specs, in member order.</summary>
    public IReadOnlyList<MlpSpec> Specs { get; }

    /// <summary>Number of networks stacked.</summary>
    public int Members => Specs.Count;

    /// <summary>Layer l's weights, [members, n_out, n_in] (the readout last, when there is one).</summary>
    public Tensor Weight(int layer) => weights[layer];

    /// <summary>Layer l's biases, [members, n_out].</summary>
    public Tensor Bias(int layer) => biases[layer];

    /// <summary>
    /// Every member's output, [members, batch, n_out], for inputs x of shape [batch, N₀] (every member sees the same
    /// batch) or [members, batch, N₀] (a batch per member).
    /// </summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.dim() == 2 ? x.expand(Members, x.shape[0], x.shape[1]) : x;
        var activation = Specs[0].Activation;
        for (int l = 0; l < weights.Count; l++)
            h = bmm(l == 0 ? h : activation.Apply(h), weights[l].transpose(1, 2)).PlusInPlace(biases[l].unsqueeze(1));
        return h.MoveToOuterDisposeScope();
    }
}
