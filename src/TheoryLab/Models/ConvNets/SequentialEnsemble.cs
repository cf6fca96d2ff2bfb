using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.ConvNets;

/// <summary>
/// Several networks of one <see cref="SequentialSpec"/> stacked into one module, so that one forward and backward pass
/// trains them all with kernels big enough to run near the machine's speed: member g's weights are slice g of every
/// parameter (the first axis indexes the members). Convolutions see the members' maps side by side as one input of
/// members × channels and convolve them as one grouped convolution (groups = members); the first layer, whose input
/// every member shares, is one convolution or matrix product with the members' kernels stacked; dense layers are one
/// batched matrix product; pooling and activations act on each map alone. Members never mix, so under a loss that sums
/// per-member losses each member's gradient is that of its own loss, and a member whose weights turn non-finite leaves
/// the others untouched.
/// </summary>
public sealed class SequentialEnsemble : nn.Module<Tensor, Tensor>
{
    // Each weighted layer's weight then bias, in layer order, as a member registers them.
    private readonly ParameterList stacked;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> pointwise;
    private readonly SequentialSpec spec;

    /// <param name="spec">The network every member is.</param>
    /// <param name="members">One module per member, each built by <see cref="SequentialSpec.Build"/> of <paramref name="spec"/>
    /// (the same module may stand for several members); their weights are copied, so they may be disposed afterwards.</param>
    public SequentialEnsemble(SequentialSpec spec, IReadOnlyList<nn.Module<Tensor, Tensor>> members) : base(nameof(SequentialEnsemble))
    {
        if (members.Count == 0) throw new TheoryLabException("an ensemble needs at least one member.");
        if (spec.Layers.LastOrDefault() is not Dense)
            throw new TheoryLabException($"{spec.Name} does not end in a dense layer; an ensemble's output is each member's vector of logits.");
        TorchRuntime.EnsureLoaded();
        this.spec = spec;
        Members = members.Count;
        var layerParameters = new List<Parameter>();
        var parameterless = new List<nn.Module<Tensor, Tensor>>();
        var named = members.Select(m => m.named_parameters().ToDictionary(p => p.name, p => p.parameter)).ToArray();
        var shape = spec.InputShape;
        using (no_grad())
        {
            for (int k = 0; k < spec.Layers.Count; k++)
            {
                var layer = spec.Layers[k];
                if (layer is Convolution or Dense)
                {
                    string prefix = $"{k}.{(layer is Dense && shape.Length > 1 ? "linear." : "")}";
                    layerParameters.Add(new Parameter(stack(named.Select(p => p[prefix + "weight"]))));
                    layerParameters.Add(new Parameter(stack(named.Select(p => p[prefix + "bias"]))));
                }
                else if (layer is SingleChannel or ActivationLayer or Pooling) parameterless.Add(layer.Build(shape));
                else throw new TheoryLabException($"an ensemble stacks convolutions, dense layers, pooling and activations; {layer.Describe(shape)} in {spec.Name} is none of them.");
                shape = layer.OutputShape(shape);
            }
        }
        stacked = nn.ParameterList([.. layerParameters]);
        pointwise = nn.ModuleList([.. parameterless]);
        RegisterComponents();
    }

    /// <summary>Number of networks stacked.</summary>
    public int Members { get; }

    /// <summary>
    /// Every member's logits, [members, batch, outputs], for a batch of shape [batch, ..InputShape] that every member sees.
    /// </summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // Until the first weighted layer the members' activations are one and the same: the batch itself. After a
        // convolution they are [batch, members × channels, ..space]; after a dense layer [members, batch, units].
        var h = x;
        var layout = Layout.Shared;
        var shape = spec.InputShape;
        int weighted = 0, parameterless = 0;
        long batch = x.shape[0];
        foreach (var layer in spec.Layers)
        {
            switch (layer)
            {
                case Convolution c:
                    h = Convolve(h, c, stacked[2 * weighted], stacked[2 * weighted + 1], shape.Length - 1, layout == Layout.Shared ? 1 : Members);
                    layout = Layout.Maps;
                    weighted++;
                    break;
                case Dense:
                    h = Affine(layout switch
                    {
                        Layout.Shared => h.reshape(batch, -1),
                        Layout.Maps => h.reshape(batch, Members, -1).transpose(0, 1),
                        _ => h,
                    }, stacked[2 * weighted], stacked[2 * weighted + 1]);
                    layout = Layout.Vectors;
                    weighted++;
                    break;
                default:
                    h = pointwise[parameterless++].call(h);
                    break;
            }
            shape = layer.OutputShape(shape);
        }
        return h.MoveToOuterDisposeScope();
    }

    private enum Layout { Shared, Maps, Vectors }

    /// <summary>The members' convolutions as one: kernels [members, out, in, ..k] stacked to [members × out, in, ..k].</summary>
    private static Tensor Convolve(Tensor h, Convolution c, Tensor weight, Tensor bias, int spatialAxes, long groups)
    {
        var kernels = weight.flatten(0, 1);
        var offsets = bias.flatten();
        return spatialAxes == 1
            ? nn.functional.conv1d(h, kernels, offsets, stride: c.Stride, padding: c.Padding, groups: groups)
            : nn.functional.conv2d(h, kernels, offsets, strides: [c.Stride, c.Stride], padding: [c.Padding, c.Padding], groups: groups);
    }

    /// <summary>
    /// Each member's affine map of [members, batch, in] (or of one shared [batch, in]) by weights [members, out, in]:
    /// a shared input is one matrix product with the members' weights stacked.
    /// </summary>
    private Tensor Affine(Tensor h, Tensor weight, Tensor bias)
    {
        if (h.dim() == 2)
        {
            long batch = h.shape[0], units = weight.shape[1];
            return nn.functional.linear(h, weight.flatten(0, 1), bias.flatten()).view(batch, Members, units).transpose(0, 1);
        }
        return bmm(h, weight.transpose(1, 2)).PlusInPlace(bias.unsqueeze(1));
    }
}
