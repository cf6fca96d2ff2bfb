using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

[Collection(RunAloneCollection.Name)]
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
        TorchSetup.Prepare(RunContext.Default.Device);
        manual_seed(RunContext.Default.Seed);
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
        TorchSetup.Prepare(RunContext.Default.Device);
        manual_seed(RunContext.Default.Seed);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 2);
        using var cancel = new CancellationTokenSource();
        var data = new TensorBatches(randn(10, 3), zeros(10, dtype: int64), 4, shuffle: true);
        TrainingCallback cancelAtStep3 = m => { if (m.Step == 3) cancel.Cancel(); };
        Assert.Throws<OperationCanceledException>(() =>
            Trainer.Train(new Problem(model, data, Classification.CrossEntropy), Sgd, 100, [cancelAtStep3], cancel.Token));
    }

    [Fact]
    public void NonFiniteLoss_FailsTheRun_NamingTheStepAndTheLearningRate()
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        manual_seed(RunContext.Default.Seed);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 1);
        var problem = NaNAtStep(model, 3);
        var e = Assert.Throws<TheoryLabException>(() => Trainer.Train(problem, new SgdSettings(0.05), 10, []));
        Assert.Contains("step 3", e.Message);
        Assert.Contains("learning rate 0.05", e.Message);
        Assert.Contains("Lower the learning rate", e.Message);
    }

    [Fact]
    public void Record_StopsBeforeTheNonFiniteStep_AndSaysWhere()
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        manual_seed(RunContext.Default.Seed);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 1);
        var problem = NaNAtStep(model, 3);
        var moments = new List<TrainingMoment>();
        var weightsAfterTwoSteps = new List<float[]>();
        TrainingCallback remember = m => { moments.Add(m); if (m.Step == 2) weightsAfterTwoSteps.Add(model.weight!.data<float>().ToArray()); };

        var summary = Trainer.Train(problem, new SgdSettings(0.05), 10, [remember], divergence: DivergencePolicy.Record);

        Assert.Equal(new TrainingDivergence(3, double.NaN, 0.05), summary.Divergence);
        Assert.Equal(2, summary.Steps);
        Assert.Equal([0L, 1, 2], moments.Select(m => m.Step));
        Assert.All(moments.Skip(1), m => Assert.True(double.IsFinite(m.BatchLoss!.Value)));
        Assert.Equal(weightsAfterTwoSteps.Single(), model.weight!.data<float>().ToArray());
    }

    [Fact]
    public void TooLargeALearningRate_IsRecordedAsDiverged_WithThatRate()
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        manual_seed(RunContext.Default.Seed);
        using var scope = NewDisposeScope();
        using var model = nn.Linear(3, 1);
        var x = randn(16, 3);
        var data = new TensorBatches(x, x.sum(1, keepdim: true), 16, shuffle: false);
        LossFunction squaredError = (m, b) => m.call(b.Inputs).sub(b.Targets!).Squared().mean();

        var summary = Trainer.Train(new Problem(model, data, squaredError), new SgdSettings(1000), 200, [], divergence: DivergencePolicy.Record);

        Assert.True(summary.Diverged);
        Assert.Equal(1000, summary.Divergence!.LearningRate);
        Assert.False(double.IsFinite(summary.Divergence.Loss));
    }

    /// <summary>A problem whose loss is the model's mean output, NaN at the given step (counted from 1).</summary>
    private static Problem NaNAtStep(nn.Module<Tensor, Tensor> model, int step)
    {
        int calls = 0;
        LossFunction loss = (m, b) =>
        {
            if (++calls != step) return m.call(b.Inputs).mean();
            using var nan = double.NaN.ToScalar();
            return m.call(b.Inputs).mean().mul(nan);
        };
        return new Problem(model, new TensorBatches(randn(4, 3), null, 4, shuffle: false), loss);
    }

    /// <summary>The batch losses of 12 steps of LeNet-5 on random 28×28 images with random labels.</summary>
    private static double[] TrainLeNetOnRandomImages(int seed)
    {
        var context = new RunContext { Seed = seed };
        TorchSetup.Prepare(context.Device);
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var model = LeNet.Five().Build(generator);
        var images = rand([96, 1, 28, 28], generator: generator);
        var labels = randint(0, 10, [96], generator: generator);
        var losses = new List<double>();
        Trainer.Train(new Problem(model, new TensorBatches(images, labels, 32, shuffle: true, seed), Classification.CrossEntropy), Sgd, 12,
            [m => { if (m.BatchLoss is { } l) losses.Add(l); }]);
        return [.. losses];
    }
}
