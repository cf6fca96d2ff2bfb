using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

public class MaximumMeanDiscrepancyTests
{
    [Fact]
    public void TwoPointsEach_GiveTheHandComputedValue()
    {
        double K(double d) => Math.Exp(-d * d / (2 * 0.5 * 0.5));
        double expected = K(1) + K(2) - 2 * (K(0) + K(2) + K(1) + K(1)) / 4;
        Assert.Equal(expected, MaximumMeanDiscrepancy.UnbiasedSquared([0, 1], [0, 2], 1, 0.5), 14);
    }

    /// <summary>Closed form for X ~ N(μ₁, s₁²I), Y ~ N(μ₂, s₂²I) in d dimensions with the Gaussian kernel of bandwidth h.</summary>
    private static double GaussianMmd(int d, double h, double s1, double s2, double meanDistanceSquared)
    {
        double Expected(double variance, double shift) => Math.Pow(h * h / (h * h + variance), d / 2.0) * Math.Exp(-shift / (2 * (h * h + variance)));
        return Expected(2 * s1 * s1, 0) + Expected(2 * s2 * s2, 0) - 2 * Expected(s1 * s1 + s2 * s2, meanDistanceSquared);
    }

    /// <summary>
    /// The unbiased estimate averaged over many independent pairs of samples: within four standard errors of the
    /// closed-form MMD² of two Gaussians, and of 0 when the two are the same distribution.
    /// </summary>
    [Theory]
    [InlineData(2, 1.0, 1.0, 1.0, 0.0)]
    [InlineData(2, 0.2, 0.1, 0.1, 0.0)]
    [InlineData(2, 1.0, 1.0, 1.5, 0.0)]
    [InlineData(3, 0.7, 0.5, 0.5, 0.6)]
    [InlineData(1, 2.0, 1.0, 0.5, 1.0)]
    public void UnbiasedEstimate_HasTheClosedFormExpectation(int d, double h, double s1, double s2, double shift)
    {
        const int Repeats = 400, Size = 40;
        var random = new Random(17);
        var normal = new NormalDraws(random);
        var values = new double[Repeats];
        for (int r = 0; r < Repeats; r++)
        {
            var x = new double[Size * d];
            var y = new double[Size * d];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = s1 * normal.Next();
                y[i] = s2 * normal.Next() + (i % d == 0 ? shift : 0);
            }
            values[r] = MaximumMeanDiscrepancy.UnbiasedSquared(x, y, d, h);
        }
        double mean = values.Average(), error = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (Repeats - 1) / Repeats);
        double expected = GaussianMmd(d, h, s1, s2, shift * shift);
        Assert.InRange(mean, expected - 4 * error, expected + 4 * error);
        if (s1 != s2 || shift != 0) Assert.True(expected > 8 * error, $"the case should be distinguishable from 0: expected {expected}, standard error {error}");
    }

    [Fact]
    public void MedianDistance_IsTheMiddleOfThePairwiseDistances()
    {
        Assert.Equal(2, MaximumMeanDiscrepancy.MedianDistance([0, 1, 3], 1));
        Assert.Equal(Math.Sqrt(2), MaximumMeanDiscrepancy.MedianDistance([0, 0, 1, 1], 2), 14);
    }

    [Fact]
    public void BadInputs_AreRefused()
    {
        Assert.Throws<TheoryLabException>(() => MaximumMeanDiscrepancy.UnbiasedSquared([0, 1], [0, 1], 1, 0));
        Assert.Throws<TheoryLabException>(() => MaximumMeanDiscrepancy.UnbiasedSquared([0], [0, 1], 1, 1));
        Assert.Throws<TheoryLabException>(() => MaximumMeanDiscrepancy.UnbiasedSquared([0, 1, 2], [0, 1], 2, 1));
    }
}
