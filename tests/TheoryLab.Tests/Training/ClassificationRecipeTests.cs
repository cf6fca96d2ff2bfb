using TheoryLab.Data;
using TheoryLab.Data.Toy;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class ClassificationRecipeTests
{
    public ClassificationRecipeTests() => TorchRuntime.EnsureLoaded();

    /// <summary>2×2 "images" whose values are known, so the standardisation can be checked by hand.</summary>
    private static TrainTest Squares()
    {
        float[] train = [0, 1, 2, 3, /**/ 4, 5, 6, 7];
        float[] test = [8, 0, 1, 5];
        return new(new LabeledData("train", train, [0, 1], [1, 2, 2], 2), new LabeledData("test", test, [1], [1, 2, 2], 2));
    }

    [Fact]
    public void Sets_StandardiseBothPartsByTheTrainingPartsStatistics()
    {
        // Training values 0..7: mean 3.5, population standard deviation √5.25.
        var sets = new ClassificationSets(Squares(), asVectors: true, dtype: ScalarType.Float64);
        double mean = 3.5, std = Math.Sqrt(5.25);
        Assert.Equal([2L, 4L], sets.TrainInputs.shape);
        Assert.Equal([1L, 4L], sets.TestInputs.shape);
        var test = sets.TestInputs.data<double>().ToArray();
        double[] expected = [(8 - mean) / std, (0 - mean) / std, (1 - mean) / std, (5 - mean) / std];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], test[i], 6);
        Assert.Equal(0, sets.TrainInputs.mean().item<double>(), 6);
    }

    [Fact]
    public void Sets_KeepTheExampleShapeUnlessAskedForVectors()
    {
        var sets = new ClassificationSets(Squares());
        Assert.Equal([2L, 1L, 2L, 2L], sets.TrainInputs.shape);
        Assert.Equal(ScalarType.Float32, sets.TrainInputs.dtype);
        Assert.Equal(2, sets.Classes);
        Assert.Equal(2, sets.TrainCount);
    }

    private static ClassificationSets Moons() => new(new TrainTest(TwoMoons.Generate(200, seed: 1), TwoMoons.Generate(100, seed: 2)));

    /// <summary>2 → 16 → 2 with <paramref name="activation"/>, drawn from a seeded generator.</summary>
    private static nn.Module<Tensor, Tensor> Classifier(nn.Module<Tensor, Tensor> activation)
    {
        var model = nn.Sequential(nn.Linear(2, 16), activation, nn.Linear(16, 2));
        using var generator = new Generator(5);
        DefaultInitialization.Apply(model, generator);
        return model;
    }

    [Fact]
    public void Train_EvaluatesAtTheStepsAskedAndAfterTheLast_WithTheMetricsOfAnIndependentPass()
    {
        var sets = Moons();
        using var model = Classifier(nn.Tanh());
        using var sgd = new Sgd(0.1);
        var run = ClassificationRecipe.Train(model, sets, sets.TrainingBatches(20, seed: 3), sgd, 25, new HashSet<long> { 0, 10 });
        Assert.Equal([0L, 10L, 25L], run.Curve.Select(p => p.Step));
        Assert.Equal(25, run.Summary.Steps);
        // The final point is the trained model's metrics, measured again here by a pass of our own.
        var train = Classification.Evaluate(model, new TensorBatches(sets.TrainInputs, sets.TrainLabels, 7, shuffle: false));
        var test = Classification.Evaluate(model, new TensorBatches(sets.TestInputs, sets.TestLabels, 7, shuffle: false));
        Assert.Equal(train.Accuracy, run.Final.Train.Accuracy);
        Assert.Equal(test.Accuracy, run.Final.Test.Accuracy);
        Assert.Equal(train.Loss, run.Final.Train.Loss, 5);
        Assert.Equal(100, run.Final.Test.Examples);
    }

    [Fact]
    public void Train_ThatDivergesUnderRecord_StillEndsWithTheMetricsAtItsLastFiniteStep()
    {
        var sets = Moons();
        using var model = Classifier(nn.ReLU());
        using var sgd = new Sgd(1e30);
        var run = ClassificationRecipe.Train(model, sets, sets.TrainingBatches(20, seed: 3), sgd, 50, new HashSet<long> { 50 },
            divergence: DivergencePolicy.Record);
        Assert.True(run.Summary.Diverged);
        Assert.True(run.Summary.Steps < 50);
        Assert.Equal(run.Summary.Steps, Assert.Single(run.Curve).Step);
    }
}
