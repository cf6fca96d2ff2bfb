using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Initialisation;

/// <summary>
/// Each rule's draws against an independent computation: torch's own initialisation, or the same draws made directly
/// from a generator seeded alike, layer by layer with the weights before the biases. These pin the draw order the
/// stored findings depend on.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class LayerInitialisationTests
{
    public LayerInitialisationTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void TorchDefault_DrawsWhatTorchsOwnLinearLayersDraw_AfterManualSeed()
    {
        int[] widths = [7, 30, 20, 3];
        using var generator = new Generator(21);
        using var network = new Mlp(widths, Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float32);
        manual_seed(21);
        var torchs = Enumerable.Range(1, widths.Length - 1).Select(l => nn.Linear(widths[l - 1], widths[l])).ToArray();
        for (int l = 0; l < torchs.Length; l++)
        {
            AssertIdentical(torchs[l].weight!, network.Layers[l].weight!, $"layer {l + 1} weights");
            AssertIdentical(torchs[l].bias!, network.Layers[l].bias!, $"layer {l + 1} biases");
        }
    }

    [Fact]
    public void MeanField_DrawsScaledGaussianWeights_ThenGaussianBiases_LayerByLayer()
    {
        var spec = new MlpSpec(Activations.Tanh, sigmaW2: 1.7, sigmaB2: 0.2, depth: 3, width: 12);
        using var generator = new Generator(5);
        using var network = spec.Build(inputDimension: 9, generator, outputs: 4);
        using var direct = new Generator(5);
        int[] widths = [9, 12, 12, 12, 4];
        using var biasScale = Math.Sqrt(0.2).ToScalar();
        for (int l = 1; l < widths.Length; l++)
        {
            using var weightScale = Math.Sqrt(1.7 / widths[l - 1]).ToScalar();
            var weight = randn([widths[l], widths[l - 1]], dtype: ScalarType.Float64, generator: direct) * weightScale;
            var bias = randn([widths[l]], dtype: ScalarType.Float64, generator: direct) * biasScale;
            AssertIdentical(weight, network.Layers[l - 1].weight!, $"layer {l} weights");
            AssertIdentical(bias, network.Layers[l - 1].bias!, $"layer {l} biases");
        }
    }

    [Fact]
    public void MeanField_WithoutBiasVariance_DrawsNoBiases()
    {
        var spec = new MlpSpec(Activations.Relu, sigmaW2: 2, sigmaB2: 0, depth: 2, width: 6, WeightDistribution.Orthogonal);
        using var generator = new Generator(8);
        using var network = spec.Build(inputDimension: 6, generator);
        using var direct = new Generator(8);
        foreach (var layer in network.Layers)
        {
            AssertIdentical(WeightDistribution.Orthogonal.Draw(6, 6, 2, null, direct), layer.weight!, "weights");
            Assert.Equal(0, layer.bias!.abs().max().AsDouble());
        }
    }

    [Fact]
    public void MeanField_WeightsOfALargeLayer_HaveVarianceSigmaW2OverFanIn()
    {
        const int fanIn = 300, fanOut = 500;
        using var generator = new Generator(13);
        using var layer = new MeanFieldInitialisation(WeightDistribution.Gaussian, 2.5, 0).Layer(fanIn, fanOut, generator, ScalarType.Float64);
        // The sample variance of n Gaussians has relative standard deviation √(2/n); allow 4 of them.
        double tolerance = 4 * Math.Sqrt(2.0 / (fanIn * fanOut));
        Assert.InRange(layer.weight!.var().AsDouble() / (2.5 / fanIn), 1 - tolerance, 1 + tolerance);
    }

    [Fact]
    public void MeanField_RefusesAnythingButFloat64()
    {
        using var generator = new Generator(1);
        var rule = new MeanFieldInitialisation(WeightDistribution.Gaussian, 1, 0);
        var error = Assert.Throws<TheoryLabException>(() => rule.Layer(3, 3, generator, ScalarType.Float32));
        Assert.Contains("float64", error.Message);
    }

    [Theory]
    [InlineData(GlorotScheme.Standard)]
    [InlineData(GlorotScheme.Normalised)]
    public void Glorot_DrawsUniformWeightsOfTheSchemesBound_AndZeroBiases(GlorotScheme scheme)
    {
        var spec = new GlorotSpec(Activations.Tanh, scheme, inputs: 11, width: 16, hiddenLayers: 2, outputs: 3);
        using var generator = new Generator(17);
        using var network = spec.Build(generator, ScalarType.Float32);
        using var direct = new Generator(17);
        int[] widths = [11, 16, 16, 3];
        for (int l = 1; l < widths.Length; l++)
        {
            double bound = scheme == GlorotScheme.Standard ? 1 / Math.Sqrt(widths[l - 1]) : Math.Sqrt(6.0 / (widths[l - 1] + widths[l]));
            Assert.Equal(bound, spec.WeightBound(l));
            using Scalar width = (2 * bound).ToScalar(), shift = bound.ToScalar();
            var weight = rand([widths[l], widths[l - 1]], dtype: ScalarType.Float32, generator: direct) * width - shift;
            AssertIdentical(weight, network.Layers[l - 1].weight!, $"layer {l} weights");
            Assert.Equal(0, network.Layers[l - 1].bias!.abs().max().AsDouble());
        }
    }

    private static void AssertIdentical(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.True(expected.equal(actual).all().item<bool>(), $"{what} differ");
    }
}
