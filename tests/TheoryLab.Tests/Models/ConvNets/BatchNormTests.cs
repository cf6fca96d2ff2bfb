using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ConvNets;

public class BatchNormTests
{
    public BatchNormTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(new[] { 12 })]
    [InlineData(new[] { 5, 40 })]
    [InlineData(new[] { 7, 6, 6 })]
    public void BatchNorm_KeepsTheShape_AndTrainsTwoParametersPerChannel(int[] shape)
    {
        using var scope = NewDisposeScope();
        var layer = new BatchNorm();
        Assert.Equal(shape, layer.OutputShape(shape));
        Assert.Equal(2 * shape[0], layer.Parameters(shape));
        using var module = layer.Build(shape);
        Assert.Equal(layer.Parameters(shape), module.parameters().Sum(p => p.numel()));
        var output = module.call(randn([4, .. shape.Select(n => (long)n)]));
        Assert.Equal([4L, .. shape.Select(n => (long)n)], output.shape);
        // In training mode each channel comes out with mean 0 over the batch and its positions.
        var perChannel = output.transpose(0, 1).reshape(shape[0], -1);
        Assert.True(perChannel.mean([1]).abs().max().AsDouble() < 1e-5);
    }

    [Fact]
    public void SmallVgg_OnMnist1D_CountsItsParametersByHand_AndTheBuiltModulesAgree()
    {
        // Length 40 → pools to 20 → 10; two convolutions per block.
        long convolutions = 8 * (1 * 3 + 1) + 8 * (8 * 3 + 1) + 16 * (8 * 3 + 1) + 16 * (16 * 3 + 1);
        long dense = (16 * 10 + 1) * 10;
        var plain = Vgg.Small([40], [8, 16], batchNorm: false, convolutionsPerBlock: 2);
        var normalised = Vgg.Small([40], [8, 16], batchNorm: true, convolutionsPerBlock: 2);
        Assert.Equal(convolutions + dense, plain.Parameters);
        Assert.Equal(convolutions + dense + 2 * (8 + 8 + 16 + 16), normalised.Parameters);
        Assert.Equal(plain.MultiplyAddsPerExample, normalised.MultiplyAddsPerExample);
        using var weights = new Generator(0);
        using var a = plain.Build(weights);
        using var b = normalised.Build(weights);
        Assert.Equal(plain.Parameters, a.parameters().Sum(p => p.numel()));
        Assert.Equal(normalised.Parameters, b.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void SmallVgg_OnImages_EndsIn3x3Maps()
    {
        var spec = Vgg.Small([1, 28, 28], [4, 8, 16], batchNorm: true);
        Assert.Equal(["4x28x28", "4x28x28", "4x28x28", "4x14x14"], spec.Costs.Take(4).Select(c => string.Join("x", c.OutputShape)));
        Assert.Equal([16, 3, 3], spec.Costs[^2].OutputShape);
    }

    [Fact]
    public void HeInitialization_DrawsConvolutionWeightsWithVarianceTwoOverFanIn()
    {
        using var scope = NewDisposeScope();
        using var weights = new Generator(1);
        using var model = Vgg.Small([1, 28, 28], [64, 64], batchNorm: false).Build(weights);
        HeInitialization.Convolutions(model, weights);
        // The second convolution has 64·64·9 = 36,864 weights of fan-in 576: the sample variance of that many normal
        // draws is within 3% of 2/576 with overwhelming probability (its relative sd is √(2/36,864) = 0.7%).
        var weight = model.parameters().Where(p => p.dim() == 4).ElementAt(1);
        Assert.Equal(2.0 / 576, weight.var().AsDouble(), 2.0 / 576 * 0.03);
    }
}
