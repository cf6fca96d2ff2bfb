using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Tests.Models.ConvNets;

public class LeNetTests
{
    [Fact]
    public void LeNet5_WithReluMaxPoolingAndPadding_Has61706Parameters()
    {
        // conv1 6·(1·25+1) + conv2 16·(6·25+1) + fc 120·(400+1) + fc 84·(120+1) + fc 10·(84+1)
        long byHand = 6 * 26 + 16 * 151 + 120 * 401 + 84 * 121 + 10 * 85;
        Assert.Equal(61_706, byHand);
        Assert.Equal(byHand, LeNet.Five().Parameters);
    }

    [Fact]
    public void LeNet5_BuiltModule_HasAsManyParametersAsItsSpecCounts()
    {
        TorchRuntime.EnsureLoaded();
        using var weights = new torch.Generator(0);
        using var model = LeNet.Five().Build(weights);
        Assert.Equal(61_706, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void LeNet5_ForwardMultiplyAdds_Are416520PerImage()
    {
        // conv1: 6 maps of 28×28, 1·5·5 each; conv2: 16 maps of 10×10, 6·5·5 each; then the three affine layers.
        long byHand = 6 * 28 * 28 * 25 + 16 * 10 * 10 * 150 + 400 * 120 + 120 * 84 + 84 * 10;
        Assert.Equal(416_520, byHand);
        Assert.Equal(byHand, LeNet.Five().MultiplyAddsPerExample);
    }

    [Fact]
    public void LeNet5_FeatureMapsShrinkAsInThePaper()
    {
        var shapes = LeNet.Five().Costs.Select(c => string.Join("x", c.OutputShape)).ToArray();
        Assert.Equal(["6x28x28", "6x28x28", "6x14x14", "16x10x10", "16x10x10", "16x5x5", "120", "120", "84", "84", "10"], shapes);
    }

    [Fact]
    public void OneDimensionalCnn_OnLength40_Has5210ParametersAnd31750MultiplyAdds()
    {
        var spec = LeNet.OneDimensional();
        Assert.Equal(25 * 6 + 25 * 76 + 25 * 76 + 10 * 126, spec.Parameters);
        Assert.Equal(5_210, spec.Parameters);
        // Lengths 40 → 19 → 10 → 5; each output is a dot product over in-channels × kernel.
        Assert.Equal(25 * 19 * 5 + 25 * 10 * 75 + 25 * 5 * 75 + 125 * 10, spec.MultiplyAddsPerExample);
    }

    [Theory]
    [InlineData("relu", PoolingKind.Max)]
    [InlineData("tanh", PoolingKind.Average)]
    [InlineData("softsign", PoolingKind.Max)]
    public void EveryBuiltLayer_ProducesTheShapeItsSpecPredicts(string activation, PoolingKind pooling)
    {
        TorchRuntime.EnsureLoaded();
        var nonlinearity = Activations.ByName(activation);
        foreach (var spec in new[] { LeNet.Five(nonlinearity, pooling), LeNet.OneDimensional(nonlinearity: nonlinearity) })
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.randn([3, .. spec.InputShape.Select(n => (long)n)]);
            var shape = spec.InputShape;
            foreach (var layer in spec.Layers)
            {
                using var module = layer.Build(shape);
                x = module.call(x);
                shape = layer.OutputShape(shape);
                Assert.Equal([3L, .. shape.Select(n => (long)n)], x.shape);
            }
        }
    }

    [Fact]
    public void ConvolutionMultiplyAdds_EqualTheSizeOfItsUnfoldedMatrixProduct()
    {
        // A convolution is the product of its [out, in·k²] weight matrix with the [in·k², positions] unfolded input.
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        int[] input = [6, 14, 14];
        var conv = new Convolution(16, 5, Stride: 2, Padding: 1);
        var columns = torch.nn.functional.unfold(torch.zeros(1, 6, 14, 14), 5, stride: 2, padding: 1);
        Assert.Equal(16 * columns.shape[1] * columns.shape[2], conv.MultiplyAdds(input));
    }

    [Fact]
    public void Convolution_OnAnExampleWithoutChannelAxis_SaysToAddOne()
    {
        var e = Assert.Throws<TheoryLabException>(() => new Convolution(4, 3).OutputShape([40]));
        Assert.Contains("channel axis", e.Message);
    }

    [Fact]
    public void Convolution_WithAKernelWiderThanItsInput_SaysWhatToChange()
    {
        var e = Assert.Throws<TheoryLabException>(() => new Convolution(4, 7).OutputShape([1, 5]));
        Assert.Contains("smaller kernel", e.Message);
    }
}
