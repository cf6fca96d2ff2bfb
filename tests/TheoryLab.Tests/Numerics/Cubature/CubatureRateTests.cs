using TheoryLab.Numerics.Cubature;
using TheoryLab.Numerics.Fits;

namespace TheoryLab.Tests.Numerics.Cubature;

/// <summary>
/// Each point set's error on integrands with known integrals decays at the rate quadrature theory gives: the midpoint
/// grid as N^{−2/d}, uniform random points as σ N^{−1/2} in root mean square, Halton as N^{−1} up to logarithms, and
/// Gauss–Legendre exactly on polynomials of degree 2n − 1 in each coordinate and geometrically on analytic functions.
/// </summary>
public class CubatureRateTests
{
    private static double Exp(double[] x) => Math.Exp(x.Sum());

    /// <summary>∫ over [0, 1]ᵈ of e^{x₁ + … + x_d} = (e − 1)ᵈ.</summary>
    private static double ExpIntegral(int d) => Math.Pow(Math.E - 1, d);

    private static double Error(CubatureRule rule, int d) => Math.Abs(rule.Sum(Exp) - ExpIntegral(d));

    [Theory]
    [InlineData(1, new[] { 8, 16, 32, 64, 128 })]
    [InlineData(2, new[] { 8, 16, 32, 64 })]
    [InlineData(3, new[] { 4, 8, 16 })]
    public void MidpointGrid_ErrorFallsAsNToTheMinusTwoOverD(int d, int[] sides)
    {
        double[] n = [.. sides.Select(s => Math.Pow(s, d))];
        double[] errors = [.. sides.Select(s => Error(MidpointGrid.Rule(s, d), d))];
        Assert.Equal(-2.0 / d, LogLogFit.Slope(n, errors), 0.02 * 2 / d);
    }

    [Fact]
    public void UniformRandom_RootMeanSquareErrorIsSigmaOverRootN()
    {
        // Var f for f = e^{x+y} on the square: ((e² − 1)/2)² − (e − 1)⁴.
        double sigma = Math.Sqrt(Math.Pow((Math.E * Math.E - 1) / 2, 2) - Math.Pow(Math.E - 1, 4));
        int[] sides = [4, 8, 16, 32];
        const int draws = 400;
        var random = new Random(5);
        var rms = sides.Select(s => Math.Sqrt(Enumerable.Range(0, draws)
            .Select(_ => Math.Pow(CollocationPoints.Rule(PointSet.Random, s, 2, random).Sum(Exp) - ExpIntegral(2), 2)).Average())).ToArray();
        double[] n = [.. sides.Select(s => (double)s * s)];
        Assert.Equal(-0.5, LogLogFit.Slope(n, rms), 0.05);
        // With 400 draws the root mean square is within about 4 % of σ/√N (two standard errors, 7 %).
        for (int i = 0; i < sides.Length; i++) Assert.Equal(1, rms[i] * Math.Sqrt(n[i]) / sigma, 0.1);
    }

    [Fact]
    public void Halton_ErrorFallsAboutAsOneOverN()
    {
        int[] counts = [64, 128, 256, 512, 1024, 2048, 4096];
        double[] errors = [.. counts.Select(c => Error(Halton.Rule(c, 2), 2))];
        double slope = LogLogFit.Slope([.. counts.Select(c => (double)c)], errors);
        // (log N)²/N has local slope −1 + 2/ln N, about −0.75 to −0.8 here; the error itself is often better than the bound.
        Assert.InRange(slope, -1.2, -0.7);
        // And below random points' root-mean-square error σ/√N from N = 256 on.
        double sigma = Math.Sqrt(Math.Pow((Math.E * Math.E - 1) / 2, 2) - Math.Pow(Math.E - 1, 4));
        for (int i = 2; i < counts.Length; i++) Assert.True(errors[i] < sigma / Math.Sqrt(counts[i]), $"Halton error {errors[i]:E2} at N = {counts[i]}");
    }

    [Fact]
    public void GaussLegendreProduct_IsExactForDegree2nMinus1InEachCoordinate()
    {
        const int n = 4;
        var rule = GaussLegendreProduct.Rule(n, 2);
        Assert.Equal(1, rule.Weights.ToArray().Sum(), 1e-15);
        for (int a = 0; a < 2 * n; a++)
            for (int b = 0; b < 2 * n; b++)
                Assert.Equal(1.0 / ((a + 1) * (b + 1)), rule.Sum(x => Math.Pow(x[0], a) * Math.Pow(x[1], b)), 1e-15);
        // Degree 2n in one coordinate is not integrated exactly.
        Assert.True(Math.Abs(rule.Sum(x => Math.Pow(x[0], 2 * n)) - 1.0 / (2 * n + 1)) > 1e-6);
    }

    [Fact]
    public void GaussLegendreProduct_ConvergesGeometricallyOnAnAnalyticIntegrand()
    {
        double[] errors = [.. new[] { 1, 2, 3, 4, 5 }.Select(n => Error(GaussLegendreProduct.Rule(n, 2), 2) / ExpIntegral(2))];
        // Each added node per side gains more than a decade (and more each time: faster than geometric for this entire function).
        for (int i = 1; i < errors.Length; i++) Assert.True(errors[i] < errors[i - 1] / 10, $"n = {i + 1}: {errors[i]:E2} after {errors[i - 1]:E2}");
        Assert.True(Error(GaussLegendreProduct.Rule(8, 2), 2) / ExpIntegral(2) < 1e-14);
    }

    [Fact]
    public void Rules_HaveNPointsWithWeightsSummingToTheVolume()
    {
        foreach (var kind in Enum.GetValues<PointSet>())
        {
            var rule = CollocationPoints.Rule(kind, 5, 2, new Random(1));
            Assert.Equal(25, rule.Count);
            Assert.Equal(1, rule.Weights.ToArray().Sum(), 1e-14);
            var points = rule.Points;
            foreach (double x in points) Assert.InRange(x, 0, 1);
        }
    }
}
