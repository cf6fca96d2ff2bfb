using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

public class GaussianKlTests
{
    /// <summary>KL(q ‖ p) = E_q[log q(z) − log p(z)], estimated from 400,000 draws of q and held to five standard errors.</summary>
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.5, -1.0)]
    [InlineData(-0.7, 0.8)]
    [InlineData(0.2, -4.0)]
    public void ToStandardNormal_AgreesWithAMonteCarloEstimateOfTheExpectedLogRatio(double mean, double logVariance)
    {
        var random = new Random(7);
        double sd = Math.Exp(0.5 * logVariance);
        var ratios = new double[400_000];
        for (int i = 0; i < ratios.Length; i++)
        {
            double e = StandardNormal.Next(random), z = mean + sd * e;
            ratios[i] = (-0.5 * e * e - 0.5 * logVariance) - (-0.5 * z * z);   // log q(z) − log p(z); the 2π terms cancel
        }
        double exact = GaussianKl.ToStandardNormal(mean, logVariance);
        double estimate = ratios.Average(), error = Moments.StandardError(ratios);
        Assert.True(Math.Abs(estimate - exact) < 5 * error + 1e-12, $"closed form {exact}, Monte Carlo {estimate} ± {error}");
    }

    [Fact]
    public void Between_IsZeroForEqualGaussians_AndIsToStandardNormalAgainstN01()
    {
        Assert.Equal(0, GaussianKl.Between(0.3, 2.0, 0.3, 2.0), 15);
        Assert.Equal(GaussianKl.ToStandardNormal(1.2, Math.Log(0.4)), GaussianKl.Between(1.2, 0.4, 0, 1), 14);
        // Hand value: KL(N(1, 1) ‖ N(0, 4)) = ½(log 4 + (1 + 1)/4 − 1).
        Assert.Equal(0.5 * (Math.Log(4) + 0.5 - 1), GaussianKl.Between(1, 1, 0, 4), 15);
    }
}
