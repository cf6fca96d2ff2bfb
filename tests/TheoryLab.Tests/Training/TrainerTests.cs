using TheoryLab.Experiments;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class TrainerTests
{
    private static readonly SgdSettings Sgd = new(0.05, momentum: 0.9, weightDecay: 5e-4);

    [Fact]
    public void SameSeedAndOptions_GiveIdenticalLossesOnCpu()
    {
        Assert.Equal(TrainLeNetOnRandomImages(seed: 4), TrainLeNetOnRandomImages(seed: 4));
        Assert.NotEqual(TrainLeNetOnRandomImages(seed: 4), TrainLeNetOnRandomImages(seed: 5));
    }

    [Fact]
    public void Callbacks_SeeStepZeroThenEveryStep_AcrossEpochs()
    {
        TorchSetup.Prepare(RunContext.Default);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 2);
        var data = new TensorBatches(randn(10, 3), zeros(10, dtype: int64), 4, shuffle: true);
        var moments = new List<TrainingMoment>();
        var summary = Trainer.Train(new Problem(model, data, Classification.CrossEntropy), Sgd, 7, [moments.Add]);

        Assert.Equal(Enumerable.Range(0, 8).Select(s => (long)s), moments.Select(m => m.Step));
        Assert.Null(moments[0].BatchLoss);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 2], moments.Select(m => m.Epoch));
        Assert.True(moments[^1].IsEnd);
        Assert.Equal(10 + 10 + 4, summary.Examples);
        Assert.Equal(3, summary.Epochs);
    }

    [Fact]
    public void Cancellation_StopsTraining()
    {
        TorchSetup.Prepare(RunContext.Default);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 2);
        using var cancel = new CancellationTokenSource();
        var data = new TensorBatches(randn(10, 3), zeros(10, dtype: int64), 4, shuffle: true);
        TrainingCallback cancelAtStep3 = m => { if (m.Step == 3) cancel.Cancel(); };
        Assert.Throws<OperationCanceledException>(() =>
            Trainer.Train(new Problem(model, data, Classification.CrossEntropy), Sgd, 100, [cancelAtStep3], cancel.Token));
    }

    /// <summary>The batch losses of 12 steps of LeNet-5 on random 28×28 images with random labels.</summary>
    private static double[] TrainLeNetOnRandomImages(int seed)
    {
        var context = new RunContext { Seed = seed };
        TorchSetup.Prepare(context);
        using var scope = NewDisposeScope();
        var model = LeNet.Five().Build();
        var images = rand(96, 1, 28, 28);
        var labels = randint(0, 10, [96]);
        var losses = new List<double>();
        Trainer.Train(new Problem(model, new TensorBatches(images, labels, 32, shuffle: true, seed), Classification.CrossEntropy), Sgd, 12,
            [m => { if (m.BatchLoss is { } l) losses.Add(l); }]);
        return [.. losses];
    }
}
