using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.FullyConnected;

/// <summary>
/// A multilayer perceptron: affine layers with an activation between them and none after the last,
/// h¹ = W¹x + b¹, h^l = W^l φ(h^{l−1}) + b^l. Every fully connected network of a spec (<see cref="MlpSpec"/>,
/// <see cref="GlorotSpec"/>) is one of these, drawn layer by layer by a <see cref="LayerInitialisation"/>.
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    /// <summary>A network drawn layer by layer, layer 1 first.</summary>
    /// <param name="widths">Units per layer, inputs first: n₀, n₁, …, n_L for L affine layers.</param>
    /// <param name="activation">φ, applied between consecutive layers.</param>
    /// <param name="initialisation">How each layer's weights and biases are drawn.</param>
    /// <param name="generator">Source of every draw.</param>
    /// <param name="dtype">Type of the parameters.</param>
    /// <param name="device">Device of the parameters.</param>
    public Mlp(IReadOnlyList<int> widths, Activation activation, LayerInitialisation initialisation, Generator generator, ScalarType dtype, Device? device = null)
        : this(Draw(widths, initialisation, generator, dtype, device), activation)
    {
    }

    /// <summary>A network of the given layers (weights set from an exact description, say), which it takes over.</summary>
    public Mlp(IReadOnlyList<Linear> layers, Activation activation) : base(nameof(Mlp))
    {
        if (layers.Count == 0) throw new TheoryLabException("a network needs at least one layer.");
        Activation = activation;
        Widths = [(int)layers[0].weight!.shape[1], .. layers.Select(l => (int)l.weight!.shape[0])];
        this.layers = nn.ModuleList([.. layers]);
        RegisterComponents();
    }

    /// <summary>φ between the layers.</summary>
    public Activation Activation { get; }

    /// <summary>n₀, n₁, …, n_L.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>The affine layers W^l, b^l in order, the output layer last.</summary>
    public IReadOnlyList<Linear> Layers => [.. layers];

    /// <summary>The last layer's output h^L for a batch x of shape [batch, n₀].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x;
        for (int l = 0; l < layers.Count; l++) h = layers[l].forward(l == 0 ? h : Activation.Apply(h));
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>h¹ … h^L for a batch x of shape [batch, n₀], the last being the output; the caller owns (disposes or scopes) the tensors.</summary>
    public IReadOnlyList<Tensor> Preactivations(Tensor x)
    {
        var result = new Tensor[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            using var scope = NewDisposeScope();
            var input = l == 0 ? x : Activation.Apply(result[l - 1]);
            result[l] = layers[l].forward(input).MoveToOuterDisposeScope();
        }
        return result;
    }

    private static Linear[] Draw(IReadOnlyList<int> widths, LayerInitialisation initialisation, Generator generator, ScalarType dtype, Device? device)
    {
        if (widths.Count < 2) throw new TheoryLabException($"widths [{string.Join(", ", widths)}]: a network needs inputs and at least one layer.");
        if (widths.Any(n => n < 1)) throw new TheoryLabException($"widths [{string.Join(", ", widths)}]: every layer needs at least one unit.");
        TorchRuntime.EnsureLoaded();
        return [.. Enumerable.Range(1, widths.Count - 1).Select(l => initialisation.Layer(widths[l - 1], widths[l], generator, dtype, device))];
    }
}
