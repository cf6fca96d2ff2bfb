using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// Mini-batches whose size is set epoch by epoch, as when the batch grows during training in place of a decaying step
/// (Smith, Kindermans, Ying and Le 2018). Epoch e is the epoch e of a <see cref="TensorBatches"/> with batch size
/// B(e): the same seeded order of examples whatever the sizes, so runs that differ only in their batch schedule see
/// the examples in the same order. A batch size above the number of examples gives one full batch per epoch.
/// </summary>
/// <param name="inputs">All examples, the first axis indexing them (not owned: whoever made them disposes them).</param>
/// <param name="targets">One target per example, or null for unsupervised problems.</param>
/// <param name="batchSize">B(e), the examples per batch in epoch e (from 0).</param>
/// <param name="shuffle">Visit the examples in a fresh seeded order each epoch; otherwise in storage order.</param>
/// <param name="seed">Seed of the orders (the run's seed).</param>
public sealed class ScheduledBatches(Tensor inputs, Tensor? targets, Func<int, int> batchSize, bool shuffle, int seed = 0) : IBatchSource
{
    public long Count => inputs.shape[0];

    /// <summary>B(e), checked.</summary>
    public int BatchSize(int epoch)
    {
        int size = batchSize(epoch);
        return size >= 1 ? size : throw new TheoryLabException($"the batch size of epoch {epoch} is {size}; it must be at least 1.");
    }

    /// <summary>Batches (parameter updates) in epoch <paramref name="epoch"/>: ⌈N / B(e)⌉.</summary>
    public long BatchesIn(int epoch) => (Count + BatchSize(epoch) - 1) / BatchSize(epoch);

    /// <summary>Batches in the first <paramref name="epochs"/> epochs: the steps that train for that many epochs.</summary>
    public long BatchesInFirst(int epochs) => Enumerable.Range(0, epochs).Sum(BatchesIn);

    public IEnumerable<Batch> Epoch(int epoch) => new TensorBatches(inputs, targets, BatchSize(epoch), shuffle, seed).Epoch(epoch);
}
