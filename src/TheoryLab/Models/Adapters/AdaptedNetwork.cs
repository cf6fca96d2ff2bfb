using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Adapters;

/// <summary>
/// LoRA applied to a whole feed-forward network: in a flat <c>nn.Sequential</c> (what <c>SequentialSpec.Build</c> gives
/// for vector inputs), every affine layer but the last is wrapped in a <see cref="LowRankAdapter"/>, the last (a task's
/// head) is kept as it is, to be trained in full, and the adapted network merges back into a plain one.
/// </summary>
public static class AdaptedNetwork
{
    /// <summary>
    /// A network of <paramref name="network"/>'s layers with every affine layer but the last replaced by
    /// <paramref name="adapt"/>'s adapter of it, and those adapters in order. The other layers are shared, not copied.
    /// </summary>
    public static (nn.Module<Tensor, Tensor> Network, IReadOnlyList<LowRankAdapter> Adapters) WrapHidden(nn.Module<Tensor, Tensor> network, Func<Linear, LowRankAdapter> adapt)
    {
        var children = Children(network);
        int head = children.FindLastIndex(c => c.Module is Linear);
        if (head < 0) throw new ArgumentException("the network has no affine layer", nameof(network));
        var adapters = new List<LowRankAdapter>();
        var layers = children.Select((c, k) =>
        {
            if (k == head || c.Module is not Linear linear) return c;
            var adapter = adapt(linear);
            adapters.Add(adapter);
            return (c.Name, (nn.Module<Tensor, Tensor>)adapter);
        }).ToList();
        return (nn.Sequential(layers), adapters);
    }

    /// <summary>The same network with every adapter merged into one affine layer (<see cref="LowRankAdapter.Merge"/>); the other layers are shared.</summary>
    public static nn.Module<Tensor, Tensor> Merge(nn.Module<Tensor, Tensor> adapted) =>
        nn.Sequential(Children(adapted).Select(c => c.Module is LowRankAdapter adapter ? (c.Name, adapter.Merge()) : c).ToList());

    private static List<(string Name, nn.Module<Tensor, Tensor> Module)> Children(nn.Module<Tensor, Tensor> network) =>
        network.named_children().Select(c => (c.name, c.module as nn.Module<Tensor, Tensor>
            ?? throw new ArgumentException($"layer '{c.name}' is not a tensor-to-tensor module; adapters need a flat sequential network", nameof(network)))).ToList();
}
