using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

public class PlanarMixtureTests
{
    [Fact]
    public void Ring_PutsEveryMeanOnTheCircle_EvenlySpaced()
    {
        var ring = PlanarMixture.Ring(modes: 8, radius: 2);
        Assert.Equal(8, ring.Modes);
        for (int k = 0; k < 8; k++)
        {
            var (x, y) = ring.Means[k];
            Assert.Equal(2, Math.Sqrt(x * x + y * y), 12);
            var (nx, ny) = ring.Means[(k + 1) % 8];
            Assert.Equal(2 * 2 * Math.Sin(Math.PI / 8), Math.Sqrt((nx - x) * (nx - x) + (ny - y) * (ny - y)), 12);
        }
    }

    [Fact]
    public void Grid_CoversTheSquareOfSpacingSteps_CentredOnTheOrigin()
    {
        var grid = PlanarMixture.Grid(side: 5, spacing: 2);
        var xs = grid.Means.Select(m => m.X).Distinct().Order().ToArray();
        Assert.Equal([-4.0, -2, 0, 2, 4], xs);
        Assert.Equal(25, grid.Means.Distinct().Count());
        Assert.Equal(0, grid.Means.Average(m => m.Y), 12);
    }

    [Theory]
    [InlineData("ring")]
    [InlineData("grid")]
    public void Density_IntegratesToOne_ByTheMidpointRuleOnAFineGrid(string layout)
    {
        // σ = 0.2 keeps the modes wide enough for a 0.02 step to resolve them.
        var mixture = layout == "ring" ? PlanarMixture.Ring(sigma: 0.2) : PlanarMixture.Grid(sigma: 0.2);
        const double h = 0.02, edge = 6;
        double total = 0;
        for (double x = -edge + h / 2; x < edge; x += h)
            for (double y = -edge + h / 2; y < edge; y += h)
                total += mixture.Density(x, y) * h * h;
        Assert.Equal(1, total, 4);
    }

    [Fact]
    public void LogDensity_EqualsTheDirectSumOfGaussians_AndStaysFiniteFarFromEveryMode()
    {
        var ring = PlanarMixture.Ring(modes: 3, radius: 1, sigma: 0.5);
        foreach (var (x, y) in new[] { (0.0, 0.0), (1.0, 0.2), (-0.4, 0.9) })
        {
            double direct = ring.Means.Sum(m =>
                Math.Exp(-((x - m.X) * (x - m.X) + (y - m.Y) * (y - m.Y)) / (2 * 0.25)) / (2 * Math.PI * 0.25)) / 3;
            Assert.Equal(Math.Log(direct), ring.LogDensity(x, y), 12);
        }
        // 100 from the ring with σ = 0.02: the density underflows, its logarithm must not.
        double far = PlanarMixture.Ring().LogDensity(100, 0);
        Assert.True(double.IsFinite(far));
        Assert.Equal(-(98.0 * 98.0) / (2 * 0.02 * 0.02) - Math.Log(8) - Math.Log(2 * Math.PI * 0.0004), far, 6);
    }

    [Fact]
    public void Samples_FallWithinThreeSigmaOfTheirMode_AtTheRayleighRate_AndCoverEveryModeEvenly()
    {
        // In 2-D, |x − μ|/σ is Rayleigh: P(≤ 3) = 1 − e^{−9/2}.
        var grid = PlanarMixture.Grid();
        const int count = 50_000;
        var points = grid.Sample(count, seed: 7);
        int within = 0;
        var hits = new int[grid.Modes];
        for (int n = 0; n < count; n++)
        {
            double x = points[2 * n], y = points[2 * n + 1];
            if (grid.StandardisedDistance(x, y) <= 3) within++;
            hits[grid.NearestMode(x, y)]++;
        }
        double p = 1 - Math.Exp(-4.5), se = Math.Sqrt(p * (1 - p) / count);
        Assert.InRange(within / (double)count, p - 4 * se, p + 4 * se);
        double share = count / (double)grid.Modes, shareSe = Math.Sqrt(share * (1 - 1.0 / grid.Modes));
        Assert.All(hits, h => Assert.InRange(h, share - 5 * shareSe, share + 5 * shareSe));
    }

    [Fact]
    public void NearestMode_IsTheClosestMean_ByBruteForce()
    {
        var ring = PlanarMixture.Ring(modes: 5, radius: 1.5);
        var random = new Random(3);
        for (int n = 0; n < 200; n++)
        {
            double x = 4 * random.NextDouble() - 2, y = 4 * random.NextDouble() - 2;
            var distances = ring.Means.Select(m => Math.Sqrt((x - m.X) * (x - m.X) + (y - m.Y) * (y - m.Y))).ToArray();
            int closest = Array.IndexOf(distances, distances.Min());
            Assert.Equal(closest, ring.NearestMode(x, y));
            Assert.Equal(distances.Min() / ring.Sigma, ring.StandardisedDistance(x, y), 9);
        }
    }

    [Fact]
    public void SameSeed_GivesTheSamePoints_AndBadParametersAreRefused()
    {
        Assert.Equal(PlanarMixture.Ring().Sample(100, seed: 1), PlanarMixture.Ring().Sample(100, seed: 1));
        Assert.NotEqual(PlanarMixture.Ring().Sample(100, seed: 1), PlanarMixture.Ring().Sample(100, seed: 2));
        Assert.Throws<TheoryLabException>(() => PlanarMixture.Ring(sigma: 0));
        Assert.Throws<TheoryLabException>(() => PlanarMixture.Grid(side: 0));
        Assert.Throws<TheoryLabException>(() => PlanarMixture.Ring().Sample(-1, seed: 1));
    }
}
