using TheoryLab.Data;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Training;

/// <summary>
/// Mini-batches of a <see cref="LabeledData"/>: inputs float32 [B, …ExampleShape], targets int64 [B]. With
/// shuffling, each epoch visits the examples in a permutation drawn from the seed and the epoch number alone,
/// so epoch e is the same in every run with the same seed; without, in stored order. The last batch of an epoch
/// holds the remainder when the count is not a multiple of the batch size. A batch's tensors belong to the
/// dispose scope open when it is drawn.
/// </summary>
public sealed class LabeledDataBatches : IBatchSource
{
    private readonly LabeledData _data;
    private readonly int _batchSize;
    private readonly int _seed;
    private readonly bool _shuffle;
    private readonly torch.Device? _device;

    public LabeledDataBatches(LabeledData data, int batchSize, int seed, bool shuffle = true, torch.Device? device = null)
    {
        if (batchSize < 1) throw new TheoryLabException($"batch size is {batchSize}; it must be at least 1.");
        if (data.Count == 0) throw new TheoryLabException($"{data.Name} has no examples to make batches of.");
        (_data, _batchSize, _seed, _shuffle, _device) = (data, batchSize, seed, shuffle, device);
    }

    public long Count => _data.Count;

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch => (_data.Count + _batchSize - 1) / _batchSize;

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the examples.</summary>
    public int[] Order(int epoch) =>
        _shuffle ? new Random(EpochSeed(_seed, epoch)).Permutation(_data.Count) : [.. Enumerable.Range(0, _data.Count)];

    public IEnumerable<Batch> Epoch(int epoch)
    {
        TorchRuntime.EnsureLoaded();
        int[] order = Order(epoch);
        for (int start = 0; start < order.Length; start += _batchSize)
        {
            var batch = _data.Select(order[start..Math.Min(start + _batchSize, order.Length)]);
            yield return new(batch.InputsTensor(_device), batch.LabelsTensor(_device));
        }
    }

    /// <summary>
    /// Mixes seed and epoch (SplitMix64's finaliser) so that nearby pairs give unrelated orders; a plain
    /// seed + epoch would make epoch 1 of seed 0 repeat epoch 0 of seed 1.
    /// </summary>
    private static int EpochSeed(int seed, int epoch)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
