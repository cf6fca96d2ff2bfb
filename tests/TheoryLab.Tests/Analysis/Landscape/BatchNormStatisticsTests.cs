using TheoryLab.Analysis;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Data;
using TheoryLab.Data.Toy;
using TheoryLab.Kernel;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

[Collection(RunAloneCollection.Name)]
public class BatchNormStatisticsTests
{
    [Fact]
    public void Recompute_GivesTheMeanOfBatchMeansAndOfUnbiasedBatchVariances_AndRestoresMomentumAndMode()
    {
        TorchRuntime.EnsureLoaded();
        var generator = new Generator(5);
        using Scalar spread = 2.ToScalar(), centre = 1.ToScalar();
        using var x = randn([20, 3], dtype: float64, generator: generator).mul_(spread).PlusInPlace(centre);
        var norm = nn.BatchNorm1d(3, momentum: 0.1, dtype: float64);
        var model = nn.Sequential(("norm", norm));
        model.eval();
        BatchNormStatistics.Recompute(model, new TensorBatches(x, null, batchSize: 5, shuffle: false));

        // Independent computation: four batches of five, averaged with equal weights.
        var batches = x.split(5);
        var mean = stack(batches.Select(b => b.mean([0])).ToArray()).mean([0]);
        var variance = stack(batches.Select(b => b.var(0, unbiased: true)).ToArray()).mean([0]);
        Assert.True(norm.running_mean!.allclose(mean, rtol: 1e-12, atol: 1e-12));
        Assert.True(norm.running_var!.allclose(variance, rtol: 1e-12, atol: 1e-12));
        Assert.Equal(0.1, norm.momentum);
        Assert.False(model.training);
    }

    [Fact]
    public void ModelWithoutBatchNorm_IsLeftUntouched()
    {
        TorchRuntime.EnsureLoaded();
        using var model = nn.Linear(2, 2);
        model.eval();
        BatchNormStatistics.Recompute(model, new TensorBatches(zeros(4, 2), null, 2, shuffle: false));
        Assert.Empty(BatchNormStatistics.Layers(model));
        Assert.False(model.training);
    }

    /// <summary>
    /// Two batch-norm networks trained from different initialisations on two-moons; the line from the first to the
    /// second, evaluated in a model that still carries the first's running statistics, is wrong at its far end unless
    /// the statistics are recomputed: with recomputation the end is the second network's loss under statistics
    /// recomputed the same way. (Not its loss under its own running averages: those differ from the population moments
    /// by a few per cent, and at a loss near 1e-3 that moved the loss by up to 22 % in 2 of 20 draws.)
    /// </summary>
    [Fact]
    public void LineBetweenTwoBatchNormNets_EndsAtTheSecondNetsLoss_OnlyWhenStatisticsAreRecomputed()
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        manual_seed(RunContext.Default.Seed);
        using var threads = IntraOpThreads.Use(1);
        using var scope = NewDisposeScope();
        var data = TwoMoons.Generate(400, seed: 2);
        var (inputs, labels) = data.ToTensors();
        var train = new TensorBatches(inputs, labels, batchSize: 50, shuffle: true, seed: 1);
        var whole = new TensorBatches(inputs, labels, batchSize: 400, shuffle: false);

        var first = Trained(train);
        var second = Trained(train);
        using var end = ParameterVector.Of(second).Flatten();
        using var start = ParameterVector.Of(first).Flatten();

        var stale = LossLine.Between(LandscapeProbe.ForClassifier(first, whole, recomputeBatchNorm: false), start, end, [0.0, 1.0]);
        var fresh = LossLine.Between(LandscapeProbe.ForClassifier(first, whole), start, end, [0.0, 1.0]);
        BatchNormStatistics.Recompute(second, whole);
        double secondLoss = Classification.Evaluate(second, whole).Loss;

        // The same weights and the same population moments in another model: equal up to float32 rounding (measured
        // 1.6e-6 relative at most over 20 draws).
        Assert.Equal(secondLoss, fresh[1].Loss, secondLoss * 1e-4);
        // The first network's statistics under the second's weights shift and scale every unit: the loss is many times
        // the second's (measured 650 to 5,800 times over those draws).
        Assert.True(stale[1].Loss > 10 * secondLoss, $"stale end {stale[1].Loss:G4}, second network {secondLoss:G4}");
    }

    /// <summary>A network from torch's default initialisation after 400 SGD steps.</summary>
    private static nn.Module<Tensor, Tensor> Trained(TensorBatches data)
    {
        var model = nn.Sequential(
            ("fc1", nn.Linear(2, 32)), ("bn1", nn.BatchNorm1d(32)), ("relu1", nn.ReLU()),
            ("fc2", nn.Linear(32, 32)), ("bn2", nn.BatchNorm1d(32)), ("relu2", nn.ReLU()),
            ("fc3", nn.Linear(32, 2)));
        Trainer.Train(new Problem(model, data, Classification.CrossEntropy), new SgdSettings(0.1, 0.9), 400, []);
        return model;
    }
}
