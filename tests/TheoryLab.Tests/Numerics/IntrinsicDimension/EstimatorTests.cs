using TheoryLab.Numerics.IntrinsicDimension;

namespace TheoryLab.Tests.Numerics.IntrinsicDimension;

public class EstimatorTests
{
    [Fact]
    public void LevinaBickel_OnHandWorkedDistances_IsTheInverseMeanLogRatio()
    {
        // T = (1, 2, 4), k = 3: m̂ = [½(log 4 + log 2)]⁻¹ = 2/(3 log 2).
        var nearest = new double[,] { { 1, 2, 4 }, { 1, 2, 4 } };
        Assert.Equal(2 / (3 * Math.Log(2)), LevinaBickel.Estimate(nearest, 3, 3).Dimension, 12);
    }

    [Fact]
    public void LevinaBickel_AveragesOverK()
    {
        var nearest = new double[,] { { 1, 2, 4, 8 } };
        var estimate = LevinaBickel.Estimate(nearest, 3, 4);
        // k = 4: [⅓(log 8 + log 4 + log 2)]⁻¹ = 3/(6 log 2) = 1/(2 log 2).
        Assert.Equal(2 / (3 * Math.Log(2)), estimate.PerK[0], 12);
        Assert.Equal(1 / (2 * Math.Log(2)), estimate.PerK[1], 12);
        Assert.Equal((2 / (3 * Math.Log(2)) + 1 / (2 * Math.Log(2))) / 2, estimate.Dimension, 12);
    }

    [Fact]
    public void LevinaBickelPooled_InvertsTheMeanOfInverseEstimates()
    {
        // Two points with per-point estimates 1/log 2 and 1/(2 log 2): pooled = 2/(mean of log 2 and 2 log 2).
        var nearest = new double[,] { { 1, 2 }, { 1, 4 } };
        var estimate = LevinaBickel.Estimate(nearest, 2, 2);
        Assert.Equal((1 / Math.Log(2) + 1 / (2 * Math.Log(2))) / 2, estimate.Dimension, 12);
        Assert.Equal(1 / (1.5 * Math.Log(2)), estimate.PooledDimension, 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(4.0)]
    [InlineData(12.5)]
    public void TwoNn_OnExactParetoQuantiles_RecoversTheDimension(double d)
    {
        // r₁ = 1 and r₂ = μ_j with F(μ_j) = j/N: the fit's points lie exactly on the line of slope d.
        const int n = 1000;
        var nearest = new double[n, 2];
        for (int j = 1; j <= n; j++)
        {
            nearest[j - 1, 0] = 1;
            nearest[j - 1, 1] = Math.Pow(1 - (j - 0.5) / n, -1 / d);
        }
        // Quantiles at (j − ½)/N sit half a step from the empirical F = j/N; the slope is still within 1%.
        Assert.Equal(d, TwoNearestNeighbours.Estimate(nearest).Dimension, d * 0.01);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void HeinAudibert_OnPairCountsScalingLikeTToTheMHalf_PicksM(int m)
    {
        // If P(d² < t) = C t^{m/2}, the kernel sum scales like h^m and U like h^{m − l}: flat exactly at l = m.
        const int count = 5000;
        double pairs = count * (count - 1.0) / 2, c = 0.3;
        var estimate = HeinAudibert.Estimate(1, count, 12, radii =>
            (radii.Select(t => (long)Math.Round(pairs * c * Math.Pow(t, m / 2.0))).ToArray(),
             radii.Select(t => pairs * c * m / (m + 2.0) * Math.Pow(t, m / 2.0 + 1)).ToArray()));
        Assert.Equal(m, estimate.Dimension);
        Assert.Equal(0, estimate.Slopes[m - 1], 4);
        Assert.Equal(-1, estimate.Slopes[m], 4);
    }

    [Fact]
    public void HeinAudibertBandwidths_StartAtTheMeanNeighbourDistance_AndGrowAsSamplesShrink()
    {
        var h = HeinAudibert.Bandwidths(0.2, 1000, 3);
        Assert.Equal(0.2, h[0, 0], 15);
        // l = 1, r = 2: (N/n)(log n / log N) = 2 · log 500 / log 1000.
        Assert.Equal(0.2 * 2 * Math.Log(500) / Math.Log(1000), h[0, 1], 12);
        for (int l = 0; l < 3; l++)
            for (int r = 1; r < HeinAudibert.Scales; r++) Assert.True(h[l, r] > h[l, r - 1]);
    }

    [Theory]
    [InlineData(ManifoldKind.Sphere, 2)]
    [InlineData(ManifoldKind.Sphere, 6)]
    [InlineData(ManifoldKind.Subspace, 4)]
    [InlineData(ManifoldKind.SwissRoll, 2)]
    public void AllThreeEstimators_OnManifoldsOfKnownDimension_AreWithinTenPercent_TheAverageOfPerPointEstimatesWithinItsNineEighthsBias(ManifoldKind kind, int d)
    {
        var points = ManifoldSample.Draw(kind, d, 1500, 20, 1e-4, new Random(5));
        var nearest = PairwiseDistances.Nearest(points, 20);
        int truth = ManifoldSample.Dimension(kind, d);
        double meanNearest = Enumerable.Range(0, points.Length).Average(i => nearest[i, 0]);
        var levinaBickel = LevinaBickel.Estimate(nearest, 10, 20);
        Assert.InRange(levinaBickel.PooledDimension, 0.9 * truth, 1.1 * truth);
        // The paper's average of per-point estimates carries an upward bias of up to (k₁ − 1)/(k₁ − 2) = 9/8.
        Assert.InRange(levinaBickel.Dimension, 0.9 * truth, 1.1 * 9 / 8 * truth);
        Assert.InRange(TwoNearestNeighbours.Estimate(nearest).Dimension, 0.9 * truth, 1.1 * truth);
        Assert.Equal(truth, HeinAudibert.Estimate(meanNearest, points.Length, 12, radii => PairwiseDistances.PairsBelow(points, radii)).Dimension);
    }
}
