using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.SampleQuality;

/// <summary>The classifier's features are its penultimate layer: the logits are the output layer applied to them.</summary>
public class FeatureClassifierTests
{
    public FeatureClassifierTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Logits_AreTheOutputLayerAppliedToTheFeatures_WhichAreNonNegative()
    {
        using var generator = new Generator(3);
        using var classifier = new FeatureClassifier(10, generator);
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        using var images = rand([7, 1, 28, 28], generator: generator) * two - one;
        var features = classifier.Features(images);
        Assert.Equal((7, FeatureClassifier.FeatureCount), (features.GetLength(0), features.GetLength(1)));
        Assert.All(features.Cast<double>(), f => Assert.True(f >= 0));

        var output = classifier.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var weight = output["output.weight"].to(float64).data<double>().ToArray();
        var bias = output["output.bias"].to(float64).data<double>().ToArray();
        classifier.eval();
        using var noGrad = no_grad();
        var logits = classifier.call(images).to(float64).data<double>().ToArray();
        for (int i = 0; i < 7; i++)
            for (int c = 0; c < 10; c++)
            {
                double expected = bias[c] + Enumerable.Range(0, FeatureClassifier.FeatureCount).Sum(j => weight[c * FeatureClassifier.FeatureCount + j] * features[i, j]);
                Assert.Equal(expected, logits[i * 10 + c], 4);
            }
        int[] predicted = classifier.Predict(images);
        for (int i = 0; i < 7; i++)
            Assert.Equal(Enumerable.Range(0, 10).MaxBy(c => logits[i * 10 + c]), predicted[i]);
    }
}
