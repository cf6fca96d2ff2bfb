using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class ClassificationTests
{
    public ClassificationTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Evaluate_OfAModelThatEchoesItsInput_CountsCorrectArgmaxesAndAveragesCrossEntropy()
    {
        using var scope = NewDisposeScope();
        // Logits are the inputs themselves: 3 of 4 rows put their largest logit on the label.
        var logits = tensor(new float[] { 2, 0, 0, /**/ 0, 1, 0, /**/ 0, 0, 3, /**/ 5, 0, 0 }, [4, 3]);
        var labels = tensor(new long[] { 0, 1, 2, 1 });
        using var echo = nn.Identity();
        var metrics = Classification.Evaluate(echo, new TensorBatches(logits, labels, batchSize: 3, shuffle: false));

        double LogSumExp(params double[] z) => Math.Log(z.Sum(Math.Exp));
        double expected = (LogSumExp(2, 0, 0) - 2 + LogSumExp(0, 1, 0) - 1 + LogSumExp(0, 0, 3) - 3 + LogSumExp(5, 0, 0) - 0) / 4;
        Assert.Equal(0.75, metrics.Accuracy);
        Assert.Equal(expected, metrics.Loss, 6);
        Assert.Equal(4, metrics.Examples);
    }

    [Fact]
    public void Evaluate_RestoresTrainingMode()
    {
        using var scope = NewDisposeScope();
        using var model = nn.Linear(2, 2);
        model.train();
        Classification.Evaluate(model, new TensorBatches(zeros(3, 2), zeros(3, dtype: int64), 2, shuffle: false));
        Assert.True(model.training);
    }
}
