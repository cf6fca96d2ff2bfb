using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;

namespace TheoryLab.Tests.Models.MeanField;

public class MeanFieldMapsTests
{
    [Fact]
    public void CriticalSigmaW2_OfTanhWithoutBias_Is1()
    {
        // Below σ_w² = 1, q* = 0 and χ₁ = σ_w²; above it q* ≈ (σ_w² − 1)/2 and χ₁ − 1 grows only quadratically, so
        // ln χ₁ is flat on that side and its root is determined to about the square root of machine precision.
        Assert.Equal(1.0, Criticality.CriticalSigmaW2(Activations.Tanh, 0), 7);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(1.0)]
    public void CriticalSigmaW2_OfRelu_Is2ForEveryBias(double sigmaB2)
    {
        Assert.Equal(2.0, Criticality.CriticalSigmaW2(Activations.Relu, sigmaB2), 9);
    }

    [Fact]
    public void CriticalSigmaW2_OfErfWithoutBias_IsPiOver4()
    {
        // χ₁ at q* = 0 is σ_w² φ′(0)² = σ_w² · 4/π. Above it χ₁ − 1 grows only quadratically, so ln χ₁ is flat
        // there and the root is determined to about the square root of machine precision.
        Assert.Equal(Math.PI / 4, Criticality.CriticalSigmaW2(Activations.Erf, 0), 6);
    }

    [Fact]
    public void QStar_IsAFixedPointOfTheLengthMap_AndWherePlainIterationEnds()
    {
        foreach (var activation in new[] { Activations.Tanh, Activations.Erf, Activations.HardTanh })
        {
            var maps = new MeanFieldMaps(activation, 2.5, 0.05);
            double q = maps.QStar;
            Assert.True(Math.Abs(maps.LengthMap(q) - q) <= 1e-13 * q, $"{activation}: Q(q*) − q* = {maps.LengthMap(q) - q}");
            var iterated = FixedPoint.Iterate(maps.LengthMap, 1.0, 1e-15);
            Assert.True(iterated.Converged);
            Assert.Equal(iterated.Value, q, 12);
        }
    }

    [Fact]
    public void QStar_OfRelu_IsSigmaB2OverOneMinusHalfSigmaW2_AndInfiniteAbove2()
    {
        Assert.Equal(0.05 / (1 - 1.5 / 2), new MeanFieldMaps(Activations.Relu, 1.5, 0.05).QStar, 12);
        Assert.Equal(double.PositiveInfinity, new MeanFieldMaps(Activations.Relu, 2.5, 0.05).QStar);
        Assert.Equal(1.25, new MeanFieldMaps(Activations.Relu, 2.5, 0.05).Chi1, 12);
    }

    [Fact]
    public void QStar_OfTanhWithoutBias_VanishesInTheOrderedPhase()
    {
        var maps = new MeanFieldMaps(Activations.Tanh, 0.8, 0);
        Assert.Equal(0, maps.QStar);
        Assert.Equal(0.8, maps.Chi1, 14);
        Assert.Equal(-1 / Math.Log(0.8), maps.XiQ, 10);
    }

    [Fact]
    public void CStar_InTheChaoticPhase_IsAStableFixedPointBelowOne_ReachedByIteration()
    {
        var maps = new MeanFieldMaps(Activations.Tanh, 2.5, 0.05);
        Assert.True(maps.Chi1 > 1);
        double c = maps.CStar;
        Assert.InRange(c, 0, 0.99);
        Assert.Equal(c, maps.CorrelationMap(c, maps.QStar), 12);
        var iterated = FixedPoint.Iterate(x => maps.CorrelationMap(x, maps.QStar), 0.9, 1e-14);
        Assert.Equal(c, iterated.Value, 10);
        Assert.InRange(maps.ChiCAt(maps.QStar, c), 0, 1);
    }

    [Fact]
    public void CStar_InTheOrderedPhase_Is1_AndXiCIsMinusOneOverLogChi1()
    {
        var maps = new MeanFieldMaps(Activations.Tanh, 1.2, 0.05);
        Assert.True(maps.Chi1 < 1);
        Assert.Equal(1, maps.CStar);
        Assert.Equal(-1 / Math.Log(maps.Chi1), maps.XiC, 12);
    }

    [Fact]
    public void Chi1_IsTheSlopeOfTheCorrelationMapAtOne()
    {
        var maps = new MeanFieldMaps(Activations.Tanh, 2.5, 0.05);
        const double h = 1e-6;
        double slope = (1 - maps.CorrelationMap(1 - h, maps.QStar)) / h;
        Assert.Equal(maps.Chi1, slope, 5);
    }

    [Fact]
    public void ChiC_IsTheSlopeOfTheCorrelationMapAtCStar()
    {
        var maps = new MeanFieldMaps(Activations.Erf, 2.5, 0.05);
        double c = maps.CStar, q = maps.QStar;
        const double h = 1e-5;
        double slope = (maps.CorrelationMap(c + h, q) - maps.CorrelationMap(c - h, q)) / (2 * h);
        Assert.Equal(maps.ChiCAt(q, c), slope, 8);
    }

    [Fact]
    public void XiQ_IsTheDecayLengthOfTheIteratedLengthMap()
    {
        var maps = new MeanFieldMaps(Activations.Tanh, 2.5, 0.05);
        double q = maps.QStar * 1.001;
        double before = q - maps.QStar;
        for (int l = 0; l < 3; l++) q = maps.LengthMap(q);
        double after = q - maps.QStar;
        Assert.Equal(maps.XiQ, -3 / Math.Log(after / before), 2);
    }

    [Fact]
    public void XiC_DivergesAtTheEdgeOfChaos()
    {
        double critical = Criticality.CriticalSigmaW2(Activations.Tanh, 0.05);
        double[] gaps = [0.3, 0.1, 0.03, 0.01];
        var ordered = gaps.Select(g => new MeanFieldMaps(Activations.Tanh, critical - g, 0.05).XiC).ToArray();
        var chaotic = gaps.Select(g => new MeanFieldMaps(Activations.Tanh, critical + g, 0.05).XiC).ToArray();
        for (int i = 1; i < gaps.Length; i++)
        {
            Assert.True(ordered[i] > 2 * ordered[i - 1], $"ordered side: ξ_c = {string.Join(", ", ordered)}");
            Assert.True(chaotic[i] > 2 * chaotic[i - 1], $"chaotic side: ξ_c = {string.Join(", ", chaotic)}");
        }
        Assert.True(ordered[^1] > 300 && chaotic[^1] > 300);
    }

    [Fact]
    public void Propagate_StartsWithTheAffineFirstLayer()
    {
        var maps = new MeanFieldMaps(Activations.Tanh, 2.5, 0.05);
        var (q, c) = maps.Propagate(0.4, 0.3, 3);
        Assert.Equal(2.5 * 0.4 + 0.05, q[0], 14);
        Assert.Equal((2.5 * 0.4 * 0.3 + 0.05) / q[0], c[0], 14);
        Assert.Equal(maps.LengthMap(q[0]), q[1], 14);
        Assert.Equal(maps.CovarianceMap(q[0], q[0], c[0]) / q[1], c[1], 14);
    }

    [Fact]
    public void ByName_SuggestsTheClosestBuiltIn()
    {
        var error = Assert.Throws<TheoryLabException>(() => Activations.ByName("tahn"));
        Assert.Contains("tanh", error.Message);
    }
}
