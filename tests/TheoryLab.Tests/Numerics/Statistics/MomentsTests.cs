using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

public class MomentsTests
{
    private static readonly double[] Values = [2, 4, 4, 4, 5, 5, 7, 9];

    /// <summary>The textbook sample: mean 5, Σ(x − x̄)² = 32, so s² = 32/7, σ² = 32/8 = 4, and SE = √(32/7/8).</summary>
    [Fact]
    public void Variances_AndStandardError_MatchTheHandComputedSample()
    {
        Assert.Equal(32.0 / 7, Moments.SampleVariance(Values), 14);
        Assert.Equal(4, Moments.VarianceOfValues(Values), 14);
        Assert.Equal(Math.Sqrt(32.0 / 7 / 8), Moments.StandardError(Values), 14);
    }

    [Fact]
    public void OneValue_HasNoSampleVarianceNorStandardError_ButItsOwnVarianceIsZero()
    {
        Assert.True(double.IsNaN(Moments.SampleVariance([3.5])));
        Assert.True(double.IsNaN(Moments.StandardError([3.5])));
        Assert.Equal(0, Moments.VarianceOfValues([3.5]));
        Assert.Throws<ArgumentException>(() => Moments.VarianceOfValues([]));
    }

    /// <summary>A second method: the standard error is the spread of means of independent samples, here by Monte Carlo.</summary>
    [Fact]
    public void StandardError_PredictsTheSpreadOfSampleMeans()
    {
        var random = new Random(4);
        var means = new double[4000];
        double predicted = 0;
        for (int k = 0; k < means.Length; k++)
        {
            var sample = Enumerable.Range(0, 10).Select(_ => StandardNormal.Next(random)).ToArray();
            means[k] = sample.Average();
            predicted += Moments.StandardError(sample) / means.Length;
        }
        double observed = Math.Sqrt(Moments.SampleVariance(means));
        // E[s]/√n sits below σ/√n by the factor c₄(10) ≈ 0.9727; the observed spread of 4,000 means is within about 1.2 %.
        Assert.InRange(predicted / observed, 0.9727 * 0.96, 0.9727 * 1.04);
    }

    [Fact]
    public void StandardNormal_HasMeanZeroAndVarianceOne()
    {
        var random = new Random(9);
        var draws = Enumerable.Range(0, 200_000).Select(_ => StandardNormal.Next(random)).ToArray();
        Assert.InRange(draws.Average(), -0.01, 0.01);           // 4.5 standard errors of 0.0022
        Assert.InRange(Moments.SampleVariance(draws), 0.985, 1.015); // 4.7 standard errors of 0.0032
    }
}
