using TheoryLab.Models.ConvNets;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// N:M semi-structured sparsity (Mishra et al. 2021, NVIDIA's 2:4): every run of M consecutive weights along a layer's
/// input dimension keeps its N largest in magnitude, so each output's dot product skips the same fraction N/M of its
/// inputs in a pattern sparse tensor cores can exploit. Ties within a group go to the earlier input.
/// </summary>
public static class NOfMPruning
{
    /// <summary>
    /// The N:M mask of <paramref name="model"/>'s current weights; every affine or convolution layer's fan-in (inputs,
    /// or input channels times kernel positions) must be a multiple of <paramref name="m"/>.
    /// </summary>
    public static PruningMask Mask(nn.Module model, int n, int m)
    {
        if (m < 1 || n < 1 || n > m) throw new TheoryLabException($"an N:M pattern keeps N of every M weights with 1 ≤ N ≤ M, not {n}:{m}.");
        using var noGrad = no_grad();
        return new PruningMask(PruningMask.Weights(model).Select((weight, l) =>
        {
            long fanIn = WeightedLayers.FanIn(weight);
            if (fanIn % m != 0)
                throw new TheoryLabException($"layer {l} has {fanIn} inputs per output, not a multiple of M = {m}; choose an M that divides every layer's fan-in.");
            using var groups = weight.detach().abs().reshape(-1, m);
            // A stable descending sort puts the earlier of two equal magnitudes first, so ties never depend on the sort's internals.
            using var order = groups.sort(1, descending: true, stable: true).Indices;
            using var largest = order.narrow(1, 0, n);
            using var chosen = ones(largest.shape, groups.dtype, groups.device);
            var keep = zeros_like(groups);
            keep.scatter_(1, largest, chosen);
            return keep.reshape(weight.shape);
        }));
    }
}
