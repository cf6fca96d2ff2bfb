using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Pruning;

/// <summary>
/// Random masks, the control of Frankle &amp; Carbin's experiments: as many weights kept in each layer as a given
/// mask keeps, at positions drawn uniformly, so any difference from the given mask is due to where its survivors
/// are and not to how many there are.
/// </summary>
public static class RandomPruning
{
    /// <summary>A mask with <paramref name="like"/>'s per-layer counts at uniformly random positions drawn from <paramref name="generator"/>.</summary>
    public static PruningMask SameCounts(PruningMask like, Generator generator) =>
        new(Enumerable.Range(0, like.Layers).Select(l =>
        {
            var keep = zeros(like.Sizes[l], like.Keep[l].dtype, like.Keep[l].device);
            using var order = randperm(like.Sizes[l], generator: generator);
            using var kept = 1.ToScalar();
            keep.index_fill_(0, order.narrow(0, 0, like.Remaining[l]).to(keep.device), kept);
            return keep.reshape(like.Keep[l].shape);
        }));
}
