using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.FullyConnected;

public class MlpTests
{
    public MlpTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Forward_AppliesTheActivationBetweenLayers_AndNotAfterTheLast()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        using var network = new Mlp([4, 6, 5, 2], Activations.Tanh, TorchDefaultInitialisation.Instance, generator, ScalarType.Float64);
        var x = randn([3, 4], dtype: ScalarType.Float64, generator: generator);
        var layers = network.Layers;
        var expected = layers[2].forward(layers[1].forward(layers[0].forward(x).tanh()).tanh());
        Assert.True(network.forward(x).equal(expected).all().item<bool>());
    }

    [Fact]
    public void Preactivations_AreEveryLayersOutput_TheLastBeingTheForwardPass()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        using var network = new Mlp([4, 6, 5, 2], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float64);
        var x = randn([3, 4], dtype: ScalarType.Float64, generator: generator);
        var preactivations = network.Preactivations(x);
        Assert.Equal([6L, 5L, 2L], preactivations.Select(h => h.shape[1]));
        Assert.True(preactivations[1].equal(network.Layers[1].forward(preactivations[0].relu())).all().item<bool>());
        Assert.True(preactivations[^1].equal(network.forward(x)).all().item<bool>());
    }

    [Fact]
    public void Widths_NeedInputsAndALayerOfAtLeastOneUnit()
    {
        using var generator = new Generator(1);
        Assert.Throws<TheoryLabException>(() => new Mlp([4], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float32));
        Assert.Throws<TheoryLabException>(() => new Mlp([4, 0, 1], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float32));
    }

    [Fact]
    public void FromGivenLayers_TakesThemOver_AndReadsTheWidthsOffThem()
    {
        var first = nn.Linear(3, 5, dtype: ScalarType.Float64);
        var second = nn.Linear(5, 2, dtype: ScalarType.Float64);
        using var network = new Mlp([first, second], Activations.Relu);
        Assert.Equal([3, 5, 2], network.Widths);
        Assert.Same(second, network.Layers[1]);
        Assert.Equal(4, network.parameters().Count());
    }
}
