using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

/// <summary>
/// The Fréchet distance through symmetric square roots against closed forms that take no matrix square root: in one
/// dimension (μ₁ − μ₂)² + (σ₁ − σ₂)², for commuting diagonal covariances Σᵢ (√a_i − √b_i)², and for 2 × 2 covariances
/// that do not commute, tr √(Σ₁Σ₂) = √(tr(Σ₁Σ₂) + 2√(det Σ₁ det Σ₂)) (the two eigenvalues of Σ₁Σ₂ are real and
/// non-negative, and √λ₁ + √λ₂ squared is their sum plus twice the root of their product).
/// </summary>
public class FrechetDistanceTests
{
    private static GaussianFit Gaussian(double[] mean, double[,] covariance) => new(mean, covariance);

    [Theory]
    [InlineData(0.0, 1.0, 0.0, 1.0)]
    [InlineData(1.5, 2.0, -0.5, 0.5)]
    [InlineData(-3.0, 0.1, 4.0, 7.0)]
    public void OneDimension_IsTheSquaredMeanGapPlusTheSquaredStandardDeviationGap(double m1, double s1, double m2, double s2)
    {
        double d2 = FrechetDistance.Squared(Gaussian([m1], new[,] { { s1 * s1 } }), Gaussian([m2], new[,] { { s2 * s2 } }));
        Assert.Equal((m1 - m2) * (m1 - m2) + (s1 - s2) * (s1 - s2), d2, 12);
    }

    [Fact]
    public void DiagonalCovariances_GiveTheSumOverAxesOfTheSquaredRootGaps()
    {
        double[] a = [4, 1, 0.25, 9], b = [1, 1, 2.25, 0.01];
        double[] m1 = [0, 1, 2, 3], m2 = [1, 1, 0, 3];
        var c1 = new double[4, 4];
        var c2 = new double[4, 4];
        for (int i = 0; i < 4; i++) { c1[i, i] = a[i]; c2[i, i] = b[i]; }
        double expected = Enumerable.Range(0, 4).Sum(i => (m1[i] - m2[i]) * (m1[i] - m2[i]) + Math.Pow(Math.Sqrt(a[i]) - Math.Sqrt(b[i]), 2));
        Assert.Equal(expected, FrechetDistance.Squared(Gaussian(m1, c1), Gaussian(m2, c2)), 12);
    }

    [Fact]
    public void NonCommutingTwoByTwo_MatchesTheTraceOfTheRootOfTheProductInClosedForm()
    {
        var c1 = new[,] { { 2.0, 0.7 }, { 0.7, 1.0 } };
        var c2 = new[,] { { 0.5, -0.3 }, { -0.3, 1.5 } };
        double[] m1 = [0.1, -0.3], m2 = [0.4, 0.2];
        double trace12 = c1[0, 0] * c2[0, 0] + c1[0, 1] * c2[1, 0] + c1[1, 0] * c2[0, 1] + c1[1, 1] * c2[1, 1];
        double det1 = c1[0, 0] * c1[1, 1] - c1[0, 1] * c1[1, 0], det2 = c2[0, 0] * c2[1, 1] - c2[0, 1] * c2[1, 0];
        double crossTrace = Math.Sqrt(trace12 + 2 * Math.Sqrt(det1 * det2));
        double expected = 0.3 * 0.3 + 0.5 * 0.5 + (c1[0, 0] + c1[1, 1]) + (c2[0, 0] + c2[1, 1]) - 2 * crossTrace;
        Assert.Equal(expected, FrechetDistance.Squared(Gaussian(m1, c1), Gaussian(m2, c2)), 12);
    }

    [Fact]
    public void IsZeroForIdenticalGaussians_AndSymmetricInItsArguments()
    {
        var random = new Random(3);
        var first = GaussianFit.Of(Draw(random, 40, 6));
        var second = GaussianFit.Of(Draw(random, 40, 6));
        Assert.Equal(0, FrechetDistance.Squared(first, first), 10);
        Assert.True(FrechetDistance.Squared(first, second) > 0.1);
        Assert.Equal(FrechetDistance.Squared(first, second), FrechetDistance.Squared(second, first), 10);
    }

    [Fact]
    public void SquareRoot_SquaresBackToTheMatrix()
    {
        var random = new Random(5);
        var c = GaussianFit.Of(Draw(random, 30, 5)).Covariance;
        var root = FrechetDistance.SquareRoot(c);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                Assert.Equal(c[i, j], Enumerable.Range(0, 5).Sum(k => root[i, k] * root[k, j]), 12);
    }

    [Fact]
    public void GaussianFit_UsesTheSampleMeanAndTheNMinusOneCovariance()
    {
        var fit = GaussianFit.Of(new double[,] { { 1, 2 }, { 3, 2 }, { 5, 8 } });
        Assert.Equal([3.0, 4.0], fit.Mean);
        // x: deviations −2, 0, 2; y: −2, −2, 4; divided by n − 1 = 2.
        Assert.Equal(4, fit.Covariance[0, 0], 12);
        Assert.Equal(12, fit.Covariance[1, 1], 12);
        Assert.Equal(6, fit.Covariance[0, 1], 12);
        Assert.Equal(6, fit.Covariance[1, 0], 12);
    }

    /// <summary>n draws in d dimensions whose coordinates all share the first, so the covariance is full.</summary>
    private static double[,] Draw(Random random, int n, int d)
    {
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) x[i, j] = random.NextDouble() * (j + 1) + (j > 0 ? x[i, 0] : 0);
        return x;
    }
}
