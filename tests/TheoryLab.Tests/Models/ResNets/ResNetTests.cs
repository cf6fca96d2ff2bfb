using TheoryLab.Models.ResNets;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ResNets;

public class ResNetTests
{
    [Theory]
    [InlineData(8, true)]
    [InlineData(14, false)]
    public void BuiltModule_HasAsManyParametersAsItsSpecCounts(int depth, bool skip)
    {
        TorchRuntime.EnsureLoaded();
        foreach (int[] input in new[] { new[] { 40 }, new[] { 1, 28, 28 } })
        {
            var spec = ResNet.Cifar(input, depth, width: 4, skip);
            using var weights = new Generator(0);
            using var model = spec.Build(weights);
            Assert.Equal(spec.Parameters, model.parameters().Sum(p => p.numel()));
            using var scope = NewDisposeScope();
            var y = model.call(randn([3, .. input.Select(n => (long)n)]));
            Assert.Equal([3L, 10], y.shape);
        }
    }

    [Fact]
    public void ResNet20_OnSequences_CountsWeightsByHand()
    {
        // Stem 1→4 (k3, no bias, BN); stage widths 4, 8, 16 with three blocks each; projections (1×1 + BN) at the first
        // block of stages 2 and 3; then fc 16→10.
        long stem = 4 * 3 + 8;
        long Block(int cin, int c) => c * cin * 3 + c * c * 3 + 4 * c;
        long blocks = 3 * Block(4, 4) + Block(4, 8) + 2 * Block(8, 8) + Block(8, 16) + 2 * Block(16, 16);
        long projections = 8 * 4 + 16 + 16 * 8 + 32;
        long fc = 16 * 10 + 10;
        var spec = ResNet.Cifar([40], 20, width: 4);
        Assert.Equal(stem + blocks + projections + fc, spec.Parameters);
        Assert.Equal("ResNet-20", spec.Name);
        Assert.Equal(20, 2 + 2 * spec.Layers.OfType<ResidualBlock>().Count());
    }

    [Fact]
    public void NoSkipNetwork_HasNoProjections_AndTheSameMainPath()
    {
        var with = ResNet.Cifar([40], 14, width: 4, skip: true);
        var without = ResNet.Cifar([40], 14, width: 4, skip: false);
        Assert.Equal("ResNet-14-noshort", without.Name);
        // The two projections (1×1 conv + BN) are the only difference: 8·4 + 16 and 16·8 + 32 weights.
        Assert.Equal(8 * 4 + 16 + 16 * 8 + 32, with.Parameters - without.Parameters);
        Assert.Equal(with.OutputShape, without.OutputShape);
    }

    [Fact]
    public void BlockWithIdentitySkip_AddsItsInputBeforeTheLastRelu()
    {
        // With both convolutions zeroed (and batch norm's shift at 0) the residual branch is 0, so the block is relu(x).
        TorchRuntime.EnsureLoaded();
        var block = new ResidualBlock(3);
        using var module = block.Build([3, 10]);
        using (no_grad())
        {
            foreach (var (name, p) in module.named_parameters())
                if (name.Contains("conv")) p.zero_();
        }
        module.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 10);
        Assert.True(module.call(x).allclose(x.relu(), rtol: 0, atol: 1e-6));
        Assert.True(module.modules().OfType<HeldScalarBatchNorm>().Count() == 2);
    }

    [Fact]
    public void DepthOtherThan6nPlus2_IsRefusedWithTheValidDepths()
    {
        var e = Assert.Throws<TheoryLabException>(() => ResNet.Cifar([40], 10));
        Assert.Contains("6n + 2", e.Message);
    }
}
