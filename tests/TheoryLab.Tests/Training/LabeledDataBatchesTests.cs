using TheoryLab.Data;
using TheoryLab.Training;

namespace TheoryLab.Tests.Training;

public class LabeledDataBatchesTests
{
    /// <summary>Example i has the single input i and label i mod 10, so batches reveal which examples they hold.</summary>
    private static readonly LabeledData Numbered = new("numbered", [.. Enumerable.Range(0, 25).Select(i => (float)i)], [.. Enumerable.Range(0, 25).Select(i => i % 10)], [1], 10);

    private static List<int[]> Visited(LabeledDataBatches batches, int epoch) =>
        [.. batches.Epoch(epoch).Select(b => b.Inputs.data<float>().Select(v => (int)v).ToArray())];

    [Fact]
    public void Epoch_VisitsEveryExampleOnce_WithARemainderBatchLast()
    {
        var visited = Visited(new LabeledDataBatches(Numbered, 10, seed: 3), 0);
        Assert.Equal([10, 10, 5], visited.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 25), visited.SelectMany(b => b).Order());
    }

    [Fact]
    public void Epoch_TargetsMatchTheirInputs()
    {
        foreach (var batch in new LabeledDataBatches(Numbered, 7, seed: 1).Epoch(2))
            Assert.Equal(batch.Inputs.data<float>().Select(v => (long)v % 10), batch.Targets!.data<long>().ToArray());
    }

    [Fact]
    public void Epoch_SameSeedAndEpoch_SameOrder_OtherEpochOrSeed_OtherOrder()
    {
        var a = new LabeledDataBatches(Numbered, 25, seed: 5);
        var b = new LabeledDataBatches(Numbered, 25, seed: 5);
        Assert.Equal(Visited(a, 4)[0], Visited(b, 4)[0]);
        Assert.NotEqual(Visited(a, 4)[0], Visited(a, 5)[0]);
        Assert.NotEqual(Visited(a, 4)[0], Visited(new LabeledDataBatches(Numbered, 25, seed: 6), 4)[0]);
    }

    [Fact]
    public void Epoch_AdjacentSeedsDoNotShareShiftedEpochs()
    {
        Assert.NotEqual(new LabeledDataBatches(Numbered, 25, seed: 0).Order(1), new LabeledDataBatches(Numbered, 25, seed: 1).Order(0));
    }

    [Fact]
    public void Epoch_WithoutShuffling_KeepsStoredOrder()
    {
        Assert.Equal(Enumerable.Range(0, 25), Visited(new LabeledDataBatches(Numbered, 4, seed: 0, shuffle: false), 7).SelectMany(b => b));
    }

    [Fact]
    public void Problem_AverageLoss_OverTheseBatches_WeighsEveryExampleOnce()
    {
        var batches = new LabeledDataBatches(Numbered, 10, seed: 2);
        var problem = new Problem(TorchSharp.torch.nn.Identity(), batches, (model, batch) => model.call(batch.Inputs).mean());
        Assert.Equal(12.0, problem.AverageLoss(), 1e-5);
    }
}
