using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class ScheduledBatchesTests
{
    public ScheduledBatchesTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void EachEpoch_UsesItsOwnBatchSize_AndVisitsEveryExampleOnce_InTheOrderOfTensorBatches()
    {
        using var scope = NewDisposeScope();
        using var count = 10.ToScalar();
        var inputs = HeldScalars.Range(count, dtype: float32).reshape(10, 1);
        var labels = HeldScalars.Range(count);
        int[] sizes = [4, 10, 3, 25];
        var source = new ScheduledBatches(inputs, labels, e => sizes[e], shuffle: true, seed: 9);
        for (int epoch = 0; epoch < sizes.Length; epoch++)
        {
            var batches = source.Epoch(epoch).ToList();
            int size = Math.Min(sizes[epoch], 10);
            long[] expected = [.. Enumerable.Range(0, (10 + size - 1) / size).Select(k => (long)Math.Min(size, 10 - k * size))];
            Assert.Equal(expected, batches.Select(b => b.Inputs.shape[0]));
            Assert.Equal(expected.Length, source.BatchesIn(epoch));
            var order = batches.SelectMany(b => b.Targets!.data<long>().ToArray()).ToArray();
            Assert.Equal(new TensorBatches(inputs, labels, sizes[epoch], shuffle: true, seed: 9).Order(epoch), order);
        }
        // 3 + 1 + 4 + 1 batches in the four epochs.
        Assert.Equal(9, source.BatchesInFirst(4));
    }

    [Fact]
    public void ABatchSizeBelowOne_IsRefusedWithTheEpochNamed()
    {
        using var scope = NewDisposeScope();
        var source = new ScheduledBatches(zeros(5, 1), null, e => e == 2 ? 0 : 2, shuffle: false);
        var e = Assert.Throws<TheoryLabException>(() => source.BatchesIn(2));
        Assert.Contains("epoch 2", e.Message);
    }
}
