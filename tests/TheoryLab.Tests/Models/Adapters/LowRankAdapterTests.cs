using TheoryLab.Models.Adapters;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;
using Linear = TorchSharp.Modules.Linear;

namespace TheoryLab.Tests.Models.Adapters;

/// <summary>
/// LoRA's algebra checked on the layers themselves: with B = 0 an adapter computes its base layer's outputs exactly;
/// after training steps its merged layer computes the adapted outputs (to float64 rounding, and float32's), W and b
/// keep their values bit for bit while A and B move; r(in + out) parameters train; and a whole adapted network merges
/// back into one that gives the same outputs.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class LowRankAdapterTests
{
    /// <summary>Whether two tensors hold the same values bit for bit.</summary>
    private static bool Same(Tensor a, Tensor b) => a.equal(b).all().item<bool>();

    private static Linear Layer(int inputs, int outputs, ScalarType dtype, ulong seed)
    {
        using var generator = new Generator(seed);
        var layer = nn.Linear(inputs, outputs, dtype: dtype);
        using (no_grad())
        {
            layer.weight!.uniform_(-0.5, 0.5, generator);
            layer.bias!.uniform_(-0.5, 0.5, generator);
        }
        return layer;
    }

    private static LowRankAdapter Adapter(Linear layer, int rank, double alpha, ulong seed)
    {
        using var generator = new Generator(seed);
        return new LowRankAdapter(layer, rank, alpha, generator);
    }

    /// <summary>Plain gradient steps on the squared distance of the outputs from a fixed target, through the trainable parameters only.</summary>
    private static void Train(nn.Module<Tensor, Tensor> module, Tensor inputs, Tensor target, int steps, double rate)
    {
        var trainable = module.parameters().Where(p => p.requires_grad).ToArray();
        using var step = rate.ToScalar();
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            foreach (var p in trainable) p.grad?.zero_();
            var loss = (module.forward(inputs) - target).Squared().mean();
            loss.backward();
            using (no_grad())
                foreach (var p in trainable) p.sub_(p.grad! * step);
        }
    }

    [Fact]
    public void AtTheStart_TheAdapterComputesItsBaseLayerExactly_BecauseBIsZero()
    {
        TorchRuntime.EnsureLoaded();
        using var layer = Layer(7, 5, float32, 1);
        using var adapter = Adapter(layer, 3, 6, 2);
        using var x = randn(11, 7, generator: new Generator(3));
        using var expected = layer.forward(x);
        using var actual = adapter.forward(x);
        Assert.True(Same(actual, expected), "the adapted layer's outputs differ from the base layer's at B = 0");
        Assert.Equal(0, adapter.Up.abs().max().AsDouble());
        Assert.True(adapter.Down.abs().max().AsDouble() > 0, "A must start random, or B would get no gradient");
    }

    [Theory]
    [InlineData(ScalarType.Float64, 1e-12)]
    [InlineData(ScalarType.Float32, 1e-5)]
    public void AfterTraining_TheMergedLayerComputesTheAdaptedOutputs(ScalarType dtype, double relative)
    {
        TorchRuntime.EnsureLoaded();
        using var layer = Layer(9, 6, dtype, 4);
        using var adapter = Adapter(layer, 2, 4, 5);
        using var x = randn(32, 9, generator: new Generator(6)).to(dtype);
        using var target = randn(32, 6, generator: new Generator(7)).to(dtype);
        Train(adapter, x, target, steps: 25, rate: 0.05);
        Assert.True(adapter.Up.abs().max().AsDouble() > 1e-3, "training should have moved B away from zero");

        using var merged = adapter.Merge();
        using var adapted = adapter.forward(x);
        using var folded = merged.forward(x);
        double difference = (folded - adapted).abs().max().AsDouble(), scale = adapted.abs().max().AsDouble();
        Assert.True(difference <= relative * scale, $"merged and adapted outputs differ by {difference:G3}, more than {relative:G1} of {scale:G3}");
        using var alphaOverRank = (4.0 / 2).ToScalar();
        using var expectedWeight = layer.weight! + adapter.Up.matmul(adapter.Down) * alphaOverRank;
        Assert.True(merged.weight!.allclose(expectedWeight, rtol: 0, atol: relative), "the merged weight is not W + (α/r)BA");
        Assert.True(Same(merged.bias!, layer.bias!), "the merge must keep the bias as it is");
    }

    [Fact]
    public void Training_LeavesWAndBBitForBit_AndMovesOnlyAAndB()
    {
        TorchRuntime.EnsureLoaded();
        using var layer = Layer(8, 4, float32, 8);
        using var weightBefore = layer.weight!.detach().clone();
        using var adapter = Adapter(layer, 3, 3, 9);
        using var downBefore = adapter.Down.detach().clone();
        using var x = randn(16, 8, generator: new Generator(10));
        using var target = randn(16, 4, generator: new Generator(11));
        Train(adapter, x, target, steps: 10, rate: 0.1);

        Assert.True(Same(adapter.FrozenWeight, weightBefore), "the frozen weight W changed in training");
        var bias = adapter.parameters().Single(p => p.shape.SequenceEqual(new long[] { 4 }));
        Assert.True(Same(bias, layer.bias!), "the frozen bias changed in training");
        Assert.False(Same(adapter.Down, downBefore), "A did not train");
        Assert.True(adapter.Up.abs().max().AsDouble() > 0, "B did not train");
        Assert.True(Same(layer.weight!, weightBefore), "the adapter must work on a copy, leaving the layer it wraps alone");
    }

    [Theory]
    [InlineData(784, 256, 1)]
    [InlineData(256, 256, 8)]
    [InlineData(40, 16, 16)]
    public void TheTrainableParameters_AreRTimesInPlusOut_CountedOffTheModule(int inputs, int outputs, int rank)
    {
        TorchRuntime.EnsureLoaded();
        using var layer = Layer(inputs, outputs, float32, 12);
        using var adapter = Adapter(layer, rank, 1, 13);
        long counted = adapter.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        Assert.Equal((long)rank * (inputs + outputs), counted);
        Assert.Equal(counted, adapter.TrainableParameters);
        Assert.Equal((long)inputs * outputs + counted, adapter.MultiplyAddsPerExample);
    }

    [Fact]
    public void AnAdaptedNetwork_WrapsEveryLayerButTheHead_AndMergesBackToTheSameOutputs()
    {
        TorchRuntime.EnsureLoaded();
        var spec = Perceptron.Classifier("toy", [10], [8, 6], 3, Activations.Relu);
        using var generator = new Generator(14);
        using var network = spec.Build(generator);
        using var adapterDraws = new Generator(15);
        var (adapted, adapters) = AdaptedNetwork.WrapHidden(network, layer => new LowRankAdapter(layer, 2, 2, adapterDraws));
        foreach (var p in network.parameters()) p.requires_grad_(false);
        var head = adapted.children().OfType<Linear>().Single();
        head.weight!.requires_grad_(true);
        head.bias!.requires_grad_(true);

        Assert.Equal(2, adapters.Count);
        Assert.Equal([(10, 8), (8, 6)], adapters.Select(a => (a.InFeatures, a.OutFeatures)));
        using var x = randn(20, 10, generator: new Generator(16));
        using (var before = network.forward(x))
        using (var start = adapted.forward(x))
            Assert.True(Same(start, before), "an adapted network with B = 0 must compute the original's outputs");
        using var target = randn(20, 3, generator: new Generator(17));
        Train(adapted, x, target, steps: 20, rate: 0.05);

        var merged = AdaptedNetwork.Merge(adapted);
        Assert.Empty(merged.children().OfType<LowRankAdapter>());
        Assert.Equal(3, merged.children().OfType<Linear>().Count());
        using var expected = adapted.forward(x);
        using var actual = merged.forward(x);
        double difference = (actual - expected).abs().max().AsDouble();
        Assert.True(difference <= 1e-5 * expected.abs().max().AsDouble(), $"merged network differs by {difference:G3}");
        Assert.False(Same(actual, network.forward(x)), "training should have changed the network's outputs");
    }
}
