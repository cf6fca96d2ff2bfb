using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Experiments.Architecture;
using TheoryLab.Models.ConvNets;
using TheoryLab.Runs;
using TheoryLab.Tests.Training;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Architecture;

[Collection(TorchGeneratorCollection.Name)]
public class LeNet5Tests
{
    /// <summary>The real data beside the repository: Greydanus's published MNIST-1D, and MNIST's test split cut 8,000 / 2,000.</summary>
    private static readonly LeNet5 Experiment = new((name, store, seed) => name switch
    {
        "mnist1d-published" => SharedDatasets.PublishedMnist1d(),
        "mnist" => SplitMnistTest(),
        _ => throw new TheoryLabException($"this test has no '{name}'"),
    });

    [FactNeedingDataset("mnist1d")]
    public void QuickRun_OnPublishedMnist1d_LearnsAndReportsTheNetworksCosts()
    {
        using var dir = new TempDirectory();
        var options = Experiment.Quick with { Dataset = "mnist1d-published" };
        var outcome = Runner.Run(new RunRequest(Experiment, options) { OutputDirectory = dir["run"] });

        var accuracy = outcome.Findings.Single(f => f.Name == "test_accuracy");
        Assert.InRange(accuracy.Value, 0.6, 1.0);
        Assert.Equal(0.94, accuracy.Expected);
        Assert.Equal(5_210, outcome.Findings.Single(f => f.Name == "parameters").Value);
        Assert.Equal(31_750, outcome.Findings.Single(f => f.Name == "flops_per_example").Value);
        Assert.True(File.Exists(Path.Combine(dir["run"], "figures", "accuracy-curves.png")));
        Assert.True(File.Exists(Path.Combine(dir["run"], "tables", "training-curves.csv")));
    }

    [FactNeedingDataset("mnist1d")]
    public void SavedWeights_ReproduceTheReportedTestAccuracy()
    {
        using var dir = new TempDirectory();
        var options = Experiment.Quick with { Dataset = "mnist1d-published", Steps = 200, Evaluations = 1 };
        var outcome = Runner.Run(new RunRequest(Experiment, options) { OutputDirectory = dir["run"] });

        var data = SharedDatasets.PublishedMnist1d();
        var model = LeNet.OneDimensional().Build();
        Checkpoint.Load(model, Path.Combine(dir["run"], LeNet5.WeightsFile));
        using var scope = NewDisposeScope();
        // The experiment standardises by the training set's mean and deviation; so does this check.
        double mean = data.Train.Inputs.Average(x => (double)x);
        double std = Math.Sqrt(data.Train.Inputs.Average(x => (x - mean) * (x - mean)));
        var (inputs, labels) = TensorsOf.Labeled(data.Test);
        var metrics = Classification.Evaluate(model, new TensorBatches(inputs.sub(mean).div(std), labels, 1000, shuffle: false));
        Assert.Equal(outcome.Findings.Single(f => f.Name == "test_accuracy").Value, metrics.Accuracy);
    }

    [FactNeedingDataset("mnist1d")]
    public void SameOptionsAndSeed_GiveTheSameCurves()
    {
        var options = Experiment.Quick with { Dataset = "mnist1d-published", Steps = 150, Evaluations = 3 };
        var first = Experiment.Run(options, new RunContext { Seed = 2 }).Table("training-curves").ToCsv();
        var second = Experiment.Run(options, new RunContext { Seed = 2 }).Table("training-curves").ToCsv();
        var otherSeed = Experiment.Run(options, new RunContext { Seed = 3 }).Table("training-curves").ToCsv();
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [FactNeedingDataset("mnist")]
    public void LeNet5_OnMnistTestSplitCut8000To2000_LearnsDigitsInAFewHundredSteps()
    {
        var options = Experiment.Defaults with { Dataset = "mnist", Steps = 250, BatchSize = 32, Evaluations = 1 };
        // One thread keeps this test quick on a machine shared with other work.
        using var threads = IntraOpThreads.Use(1);
        var result = Experiment.Run(options, RunContext.Default);
        Assert.InRange(result.Finding("test_accuracy").Value, 0.9, 1.0);
        Assert.Equal(61_706, result.Finding("parameters").Value);
        Assert.Equal(416_520, result.Finding("flops_per_example").Value);
    }

    [Fact]
    public void EstimateCost_CountsStepsAndTimesThem()
    {
        var cost = Experiment.EstimateCost(Experiment.Quick);
        Assert.Equal(600, cost.Units);
        Assert.True(cost.Estimated > TimeSpan.Zero);
    }

    [FactNeedingDataset("mnist1d")]
    [Trait("Category", "Reproduction")]
    public void Defaults_OnPublishedMnist1d_ReachGreydanussCnnAccuracy()
    {
        var result = Experiment.Run(Experiment.Defaults with { Dataset = "mnist1d-published" }, RunContext.Default);
        Assert.InRange(result.Finding("test_accuracy").Value, 0.92, 0.96);
    }

    [FactNeedingDataset("mnist")]
    [Trait("Category", "Reproduction")]
    public void LeNet5_TrainedOn8000MnistTestImages_ReachesAbout98PercentOnTheOther2000()
    {
        // 8,000 steps of 100 would be 100 epochs of the 8,000 images; 2,400 steps are 30.
        var result = Experiment.Run(Experiment.Defaults with { Dataset = "mnist", Steps = 2400 }, RunContext.Default);
        Assert.InRange(result.Finding("test_accuracy").Value, 0.975, 1.0);
    }

    private static TrainTest SplitMnistTest()
    {
        var all = SharedDatasets.MnistTestSplit();
        return new TrainTest(all.Select([.. Enumerable.Range(0, 8000)], "mnist/test[:8000]"), all.Select([.. Enumerable.Range(8000, 2000)], "mnist/test[8000:]"));
    }
}
