using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.MeanField;

public class WeightDistributionTests
{
    [Theory]
    [InlineData("gaussian", 300, 200)]
    [InlineData("orthogonal", 300, 200)]
    [InlineData("orthogonal", 200, 300)]
    [InlineData("sparse", 300, 200)]
    [InlineData("low-rank", 300, 200)]
    public void EveryDistribution_HasEntriesOfVarianceSigmaW2OverFanIn(string name, int fanOut, int fanIn)
    {
        // The sample variance of n = 60,000 entries has relative standard deviation √(2/n) ≈ 0.6 % for Gaussian entries;
        // masked entries (p = 0.25) have kurtosis 3/p, so √((3/p − 1)/n) ≈ 1.4 %; a rank-20 product has its entries'
        // scale shared along rows and columns, about √(2/20 · 2/ fan) ≈ 2 %. Four of those: 8 %.
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(11);
        var weights = WeightDistribution.ByName(name, density: 0.25, rankFraction: 0.1);
        using var w = weights.Draw(fanOut, fanIn, 1.7, null, generator);
        Assert.Equal([(long)fanOut, fanIn], w.shape);
        Assert.Equal(ScalarType.Float64, w.dtype);
        double variance = w.Squared().mean().AsDouble();
        Assert.InRange(variance / (1.7 / fanIn), 0.92, 1.08);
    }

    [Fact]
    public void Orthogonal_SquareLayer_HasWTransposeWEqualToSigmaW2TimesIdentity()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(12);
        using var scope = NewDisposeScope();
        var w = WeightDistribution.Orthogonal.Draw(64, 64, 1.3, null, generator);
        using var gain = 1.3.ToScalar();
        Assert.True(w.t().matmul(w).allclose(eye(64, dtype: ScalarType.Float64) * gain, rtol: 0, atol: 1e-12));
    }

    [Fact]
    public void Sparse_KeepsAFractionPOfTheEntries()
    {
        // 90,000 Bernoulli(0.1) indicators: standard deviation of the kept fraction √(0.09/90000) = 0.001.
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(13);
        using var scope = NewDisposeScope();
        var w = new SparseWeights(0.1).Draw(300, 300, 1, null, generator);
        using var zero = 0.ToScalar();
        Assert.InRange(w.ne(zero).to(ScalarType.Float64).mean().AsDouble(), 0.1 - 0.004, 0.1 + 0.004);
    }

    [Fact]
    public void LowRank_HasTheRankItsFractionNames()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(14);
        using var scope = NewDisposeScope();
        var weights = new LowRankWeights(0.05);
        var w = weights.Draw(200, 120, 1, null, generator);
        Assert.Equal(6, weights.Rank(200, 120));
        Assert.Equal(6, linalg.matrix_rank(w).AsInt64());
    }

    [Theory]
    [InlineData("orthogonal")]
    [InlineData("sparse")]
    [InlineData("low-rank")]
    public void SameGenerator_GivesTheSameWeights(string name)
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        var weights = WeightDistribution.ByName(name, density: 0.3, rankFraction: 0.2);
        double[] Draw()
        {
            using var generator = new Generator(15);
            using var w = weights.Draw(40, 30, 1.5, null, generator);
            return w.data<double>().ToArray();
        }
        Assert.Equal(Draw(), Draw());
    }

    [Fact]
    public void UnknownName_IsRefusedWithTheChoices()
    {
        var error = Assert.Throws<TheoryLabException>(() => WeightDistribution.ByName("sparce"));
        Assert.Contains("sparse", error.Message);
    }
}
