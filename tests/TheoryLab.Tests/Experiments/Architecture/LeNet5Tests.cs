using TheoryLab.Data;
using TheoryLab.Experiments.Architecture;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Runs;
using TheoryLab.Tests.Data;
using TheoryLab.Training;
using TheoryLab.Tests.Conformance;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Architecture;

[Collection(QuickRunsCollection.Name)]
public class LeNet5Tests(QuickRuns runs)
{
    private static readonly LeNet5 Experiment = new();

    /// <summary>MNIST's 10,000 test images (the only split beside the repository) cut 8,000 / 2,000 by the seed.</summary>
    private static readonly LeNet5 OnMnistTestSplit = new((name, store, seed) =>
        MnistFamilyFiles.LoadSplit(MnistFamily.Mnist, "test", store).SplitTrainTest(8000, seed));

    /// <summary>A context reading the datasets beside the repository, never downloading.</summary>
    private static RunContext Shared(int seed = 0) => new() { Seed = seed, Data = new DataStore(SharedDatasets.Root!) { Downloads = false } };

    [Fact]
    public void QuickRun_OnGeneratedMnist1d_LearnsAndReportsTheNetworksCosts()
    {
        var result = runs["lenet5"].Result;

        var accuracy = result.Finding("test_accuracy");
        Assert.InRange(accuracy.Value, 0.6, 1.0);
        Assert.Equal(0.94, accuracy.Expected);
        Assert.Equal(5_210, result.Finding("parameters").Value);
        Assert.Equal(31_750, result.Finding("flops_per_example").Value);
    }

    [SharedDataFact("mnist1d")]
    public void SavedWeights_ReproduceTheReportedTestAccuracy()
    {
        using var dir = new TempDirectory();
        var options = Experiment.Quick with { Dataset = "mnist1d-published", Steps = 200, Evaluations = 1 };
        var outcome = Runner.Run(new RunRequest(Experiment, options) { OutputDirectory = dir["run"], Data = Shared().Data });

        var data = Datasets.Load("mnist1d-published", Shared().Data, 0);
        using var weights = new Generator(0);
        var model = LeNet.OneDimensional().Build(weights);
        Checkpoint.Load(model, Path.Combine(dir["run"], LeNet5.WeightsFile));
        using var scope = NewDisposeScope();
        // The experiment standardises by the training set's mean and deviation; so does this check.
        double mean = data.Train.Inputs.Average(x => (double)x);
        double std = Math.Sqrt(data.Train.Inputs.Average(x => (x - mean) * (x - mean)));
        var (inputs, labels) = data.Test.ToTensors();
        using Scalar shift = mean.ToScalar(), scale = std.ToScalar();
        var metrics = Classification.Evaluate(model, new TensorBatches(inputs.sub(shift).div(scale), labels, 1000, shuffle: false));
        Assert.Equal(outcome.Findings.Single(f => f.Name == "test_accuracy").Value, metrics.Accuracy);
    }

    [Fact]
    public void SameOptionsAndSeed_GiveTheSameCurves()
    {
        var options = Experiment.Quick with { Steps = 150, Evaluations = 3 };
        var first = Experiment.Run(options, new RunContext { Seed = 2 }).Table("training-curves").ToCsv();
        var second = Experiment.Run(options, new RunContext { Seed = 2 }).Table("training-curves").ToCsv();
        var otherSeed = Experiment.Run(options, new RunContext { Seed = 3 }).Table("training-curves").ToCsv();
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void LeNet5_OnMnistTestSplitCut8000To2000_LearnsDigitsInAFewHundredSteps()
    {
        var options = Experiment.Defaults with { Dataset = "mnist", Steps = 250, BatchSize = 32, Evaluations = 1 };
        var result = OnMnistTestSplit.Run(options, Shared());
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

    [SharedDataFact("mnist1d")]
    [Trait("Category", "Reproduction")]
    public void Defaults_OnPublishedMnist1d_ReachGreydanussCnnAccuracy()
    {
        var result = Experiment.Run(Experiment.Defaults with { Dataset = "mnist1d-published" }, Shared());
        Assert.InRange(result.Finding("test_accuracy").Value, 0.92, 0.96);
    }

    [Fact]
    [Trait("Category", "Reproduction")]
    public void Defaults_OnGeneratedMnist1d_ReachGreydanussCnnAccuracy()
    {
        var result = Experiment.Run(Experiment.Defaults, RunContext.Default);
        Assert.InRange(result.Finding("test_accuracy").Value, 0.92, 0.96);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    [Trait("Category", "Reproduction")]
    public void LeNet5_TrainedOn8000MnistTestImages_ReachesAbout98PercentOnTheOther2000()
    {
        // 8,000 steps of 100 would be 100 epochs of the 8,000 images; 2,400 steps are 30.
        var result = OnMnistTestSplit.Run(Experiment.Defaults with { Dataset = "mnist", Steps = 2400 }, Shared());
        Assert.InRange(result.Finding("test_accuracy").Value, 0.975, 1.0);
    }
}
