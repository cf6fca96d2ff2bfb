using TheoryLab.Kernel;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// Mini-batches drawn from inputs and targets held as tensors (on the device training runs on). With shuffling,
/// epoch e visits the examples in an order drawn from a generator seeded by the seed and e alone, so a run is
/// reproducible and resuming at an epoch sees the same order; the last batch of an epoch may be smaller.
/// The source does not own the tensors: whoever made them disposes them. A batch is one gather on the tensors'
/// own device (for a <see cref="Data.LabeledData"/>, make the tensors once with <c>ToTensors</c>).
/// </summary>
public sealed class TensorBatches : IBatchSource
{
    private readonly Tensor _inputs;
    private readonly Tensor? _targets;
    private readonly int _seed;

    /// <param name="inputs">All examples, the first axis indexing them.</param>
    /// <param name="targets">One target per example, or null for unsupervised problems.</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="shuffle">Visit the examples in a fresh seeded order each epoch; otherwise in storage order.</param>
    /// <param name="seed">Seed of the orders (the run's seed).</param>
    public TensorBatches(Tensor inputs, Tensor? targets, int batchSize, bool shuffle, int seed = 0)
    {
        if (batchSize < 1) throw new TheoryLabException($"batch size must be at least 1, not {batchSize}.");
        if (targets is not null && targets.shape[0] != inputs.shape[0])
            throw new ArgumentException($"{inputs.shape[0]} inputs but {targets.shape[0]} targets", nameof(targets));
        _inputs = inputs;
        _targets = targets;
        _seed = seed;
        BatchSize = batchSize;
        Shuffle = shuffle;
    }

    public long Count => _inputs.shape[0];
    public int BatchSize { get; }
    public bool Shuffle { get; }

    /// <summary>Batches in one epoch: ⌈Count / BatchSize⌉.</summary>
    public long BatchesPerEpoch => (Count + BatchSize - 1) / BatchSize;

    /// <summary>The inputs of every batch, epoch 0, 1, 2, … without end: a stream for training counted in steps (a GAN's real examples).</summary>
    public IEnumerable<Tensor> EndlessInputs()
    {
        for (int epoch = 0; ; epoch++)
            foreach (var batch in Epoch(epoch)) yield return batch.Inputs;
    }

    public IEnumerable<Batch> Epoch(int epoch)
    {
        // The order lives across the steps that consume the batches, so no step's dispose scope may take it.
        Tensor? order = Shuffle ? tensor(Order(epoch), device: _inputs.device).DetachFromDisposeScope() : null;
        try
        {
            for (long start = 0; start < Count; start += BatchSize)
            {
                long size = Math.Min(BatchSize, Count - start);
                if (order is null)
                {
                    yield return new Batch(_inputs.narrow(0, start, size), _targets?.narrow(0, start, size));
                }
                else
                {
                    var picked = order.narrow(0, start, size);
                    yield return new Batch(_inputs.index_select(0, picked), _targets?.index_select(0, picked));
                }
            }
        }
        finally
        {
            order?.Dispose();
        }
    }

    /// <summary>The permutation of epoch <paramref name="epoch"/>: a Fisher–Yates shuffle from a generator seeded by seed and epoch.</summary>
    public long[] Order(int epoch)
    {
        var random = new Random(Seeds.Derive(_seed, $"batch order, epoch {epoch}"));
        var order = new long[Count];
        for (long k = 0; k < order.Length; k++) order[k] = k;
        random.Shuffle(order);
        return order;
    }
}
