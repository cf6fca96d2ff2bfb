using TheoryLab.Data;
using TheoryLab.Experiments.Landscape;
using TheoryLab.Kernel;
using TheoryLab.Tests.Data;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Landscape;

/// <summary>The defaults (six-convolution network on MNIST's test split), run once for the reproduction suite.</summary>
public sealed class DefaultBatchNormRun
{
    public BatchNormLandscape Experiment { get; } = new();
    public ExperimentResult Result { get; }

    // MNIST's test split is read from ../shared/datasets, never downloaded: CI has it beside the checkout.
    public DefaultBatchNormRun() => Result = Experiment.Run(Experiment.Defaults, new RunContext
    {
        Data = new DataStore(SharedDatasets.Root ?? throw new InvalidOperationException("the defaults train on MNIST's test split, read from ../shared/datasets, which this checkout lacks")) { Downloads = false },
    });
}

// Each run seeds torch's global generator and sets libtorch's thread count: alone, so that other tests shift neither.
[Collection(QuickRunsCollection.Name)]
public class BatchNormLandscapeTests(QuickRuns runs) : BatchNormLandscapeChecks(runs["batch-norm"].Result)
{
    [Fact]
    public void SameOptionsAndSeed_GiveTheSameNumbers()
    {
        var experiment = new BatchNormLandscape();
        var tiny = experiment.Quick with { LearningRates = [0.5], ProbeLearningRate = 0.5, Steps = 20, ProbePoints = 3, CurvePoints = 4 };
        var a = experiment.Run(tiny, new RunContext { Seed = 4 });
        var b = experiment.Run(tiny, new RunContext { Seed = 4 });
        Assert.Equal(a.Table("training-curves").ToCsv(), b.Table("training-curves").ToCsv());
        Assert.Equal(a.Table("landscape").ToCsv(), b.Table("landscape").ToCsv());
    }
}

[Trait("Category", "Reproduction")]
public class BatchNormLandscapeReproductionTests(DefaultBatchNormRun run) : BatchNormLandscapeChecks(run.Result), IClassFixture<DefaultBatchNormRun>;

/// <summary>The batch-norm facts, checked on the quick run and on the defaults (measured there: stable rates 0.1 and 1, loss spread 3.3 against 1.0, gradient change 20 against 5.5).</summary>
public abstract class BatchNormLandscapeChecks(ExperimentResult result)
{
    private readonly ExperimentResult _result = result;

    [Fact]
    public void BatchNorm_RaisesTheLargestStableLearningRate_ByAtLeastOneStepOfTheGrid()
    {
        // The quick grid is 0.1, 0.3, 1, 3: one step is a factor of about 3, so a ratio of at least 3 means batch norm is
        // stable at a rate of the grid where the plain network is not (measured: 0.3 and 1). The plain network must be
        // stable somewhere, or the ratio would say nothing.
        double plain = _result.Finding("largest_stable_lr_plain").Value;
        double normalised = _result.Finding("largest_stable_lr_batch_norm").Value;
        Assert.True(plain > 0, "the network without batch norm was stable at no rate of the sweep");
        Assert.True(normalised >= 3 * plain, $"largest stable rate {normalised} with batch norm, {plain} without");
    }

    [Fact]
    public void AboveItsLargestStableRate_ThePlainNetworkDivergesOrStalls_WhileBatchNormStillTrains()
    {
        var sweep = _result.Table("sweep");
        var rates = sweep.Numbers("learning_rate");
        double plain = _result.Finding("largest_stable_lr_plain").Value;
        int above = rates.ToList().FindIndex(r => r > plain);
        // The next rate up: the plain run ends non-finite or at least at the threshold; the normalised run is stable there.
        Assert.Equal(0, sweep.Numbers("stable_plain")[above]);
        Assert.Equal(1, sweep.Numbers("stable_batch_norm")[above]);
    }

    [Fact]
    public void BatchNorm_MakesTheLossMoreLipschitz_AndTheGradientMorePredictive_AlongTheStep()
    {
        // Santurkar et al.'s Fig. 4: smaller spread of the loss, and smaller gradient changes, along the gradient step.
        // Measured at quick: loss spread 2.0 vs 0.27 nats (7×), gradient change 12.5 vs 3.9 (3×); a factor 1.5 asks for
        // a clear effect while leaving room for the noise of 10 probes on batches of 50.
        double plainSpread = _result.Finding("mean_loss_range_plain").Value, normalisedSpread = _result.Finding("mean_loss_range_batch_norm").Value;
        double plainChange = _result.Finding("mean_gradient_change_plain").Value, normalisedChange = _result.Finding("mean_gradient_change_batch_norm").Value;
        Assert.True(plainSpread > 1.5 * normalisedSpread, $"loss spread {plainSpread:G3} without, {normalisedSpread:G3} with batch norm");
        Assert.True(plainChange > 1.5 * normalisedChange, $"gradient change {plainChange:G3} without, {normalisedChange:G3} with batch norm");
    }
}
