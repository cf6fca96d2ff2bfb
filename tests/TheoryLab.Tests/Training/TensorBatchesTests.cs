using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class TensorBatchesTests
{
    public TensorBatchesTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void ShuffledEpoch_VisitsEveryExampleOnce_InBatchesOfTheGivenSize()
    {
        using var scope = NewDisposeScope();
        using var count = 10.ToScalar();
        var inputs = HeldScalars.Range(count, dtype: float32).reshape(10, 1);
        var batches = new TensorBatches(inputs, HeldScalars.Range(count), batchSize: 4, shuffle: true, seed: 3).Epoch(2).ToList();
        Assert.Equal([4L, 4, 2], batches.Select(b => b.Inputs.shape[0]));
        var seen = batches.SelectMany(b => b.Targets!.data<long>().ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), seen.Order());
        Assert.Equal(seen, batches.SelectMany(b => b.Inputs.data<float>().ToArray()).Select(x => (long)x));
    }

    [Fact]
    public void EndlessInputs_RunEpochAfterEpoch_EachInItsOwnOrder()
    {
        using var scope = NewDisposeScope();
        using var count = 5.ToScalar();
        var inputs = HeldScalars.Range(count, dtype: float32).reshape(5, 1);
        var batches = new TensorBatches(inputs, null, batchSize: 2, shuffle: true, seed: 11);
        var streamed = batches.EndlessInputs().Take(7).SelectMany(b => b.data<float>().ToArray()).Select(x => (long)x).ToArray();
        // Three batches per epoch (2, 2, 1): seven batches are epochs 0 and 1 whole and epoch 2's first batch.
        Assert.Equal([.. batches.Order(0), .. batches.Order(1), .. batches.Order(2)[..2]], streamed);
    }

    [Fact]
    public void Order_DependsOnSeedAndEpochOnly()
    {
        using var scope = NewDisposeScope();
        var x = zeros(50, 2);
        var a = new TensorBatches(x, null, 8, shuffle: true, seed: 7);
        var b = new TensorBatches(x, null, 16, shuffle: true, seed: 7);
        Assert.Equal(a.Order(4), b.Order(4));
        Assert.NotEqual(a.Order(4), a.Order(5));
        Assert.NotEqual(a.Order(4), new TensorBatches(x, null, 8, shuffle: true, seed: 8).Order(4));
    }

    [Fact]
    public void AdjacentSeeds_DoNotShareShiftedEpochs()
    {
        using var scope = NewDisposeScope();
        var x = zeros(25, 1);
        Assert.NotEqual(new TensorBatches(x, null, 25, shuffle: true, seed: 0).Order(1), new TensorBatches(x, null, 25, shuffle: true, seed: 1).Order(0));
    }

    [Fact]
    public void Problem_AverageLoss_OverTheseBatches_WeighsEveryExampleOnce()
    {
        // Inputs 0…24 in batches of 10, 10 and 5: the mean of the batch means would be 14, the mean over examples is 12.
        using var scope = NewDisposeScope();
        using var count = 25.ToScalar();
        var batches = new TensorBatches(HeldScalars.Range(count, dtype: float32).reshape(25, 1), null, 10, shuffle: true, seed: 2);
        var problem = new Problem(nn.Identity(), batches, (model, batch) => model.call(batch.Inputs).mean());
        Assert.Equal(12.0, problem.AverageLoss(), 1e-5);
    }

    [Fact]
    public void UnshuffledEpoch_KeepsStorageOrder()
    {
        using var scope = NewDisposeScope();
        using var count = 7.ToScalar();
        var source = new TensorBatches(HeldScalars.Range(count, dtype: float32), HeldScalars.Range(count), 3, shuffle: false);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), source.Epoch(5).SelectMany(b => b.Targets!.data<long>().ToArray()));
    }

    [Fact]
    public void ZeroBatchSize_IsRefusedWithTheRule()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<TheoryLabException>(() => new TensorBatches(zeros(3), null, 0, shuffle: false));
        Assert.Contains("at least 1", e.Message);
    }
}
