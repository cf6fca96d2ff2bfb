using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Analysis.SampleQuality;

/// <summary>
/// The 2-D sample metrics on samples whose answer is known: the target's own samples (Monte Carlo against the Rayleigh
/// law 1 − e^{−r²/2} and the entropy of separated Gaussians), points placed at chosen distances from chosen modes,
/// and hit counts against a brute-force pass over every mode.
/// </summary>
public class PlanarSampleQualityTests
{
    public static TheoryData<string> Layouts => ["ring", "grid"];

    private static PlanarMixture Target(string layout) => layout == "ring" ? PlanarMixture.Ring() : PlanarMixture.Grid();

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TheTargetsOwnSamples_HitEveryMode_WithTheRayleighFractionWithin3Sigma_AndMinusTheEntropyAsMeanLogDensity(string layout)
    {
        var target = Target(layout);
        const int n = 40_000;
        var quality = PlanarSampleQuality.Of(target, target.Sample(n, seed: 11), minimumHits: 100);
        Assert.Equal(target.Modes, quality.ModesHit);
        double p = PlanarSampleQuality.TargetHighQualityFraction(3);
        Assert.Equal(1 - Math.Exp(-4.5), p, 15);
        Assert.InRange(quality.HighQualityFraction, p - 4 * Math.Sqrt(p * (1 - p) / n), p + 4 * Math.Sqrt(p * (1 - p) / n));
        // log p(x) = const − r²/2 with r² ~ χ²₂, so its standard deviation is 1 nat.
        double entropy = -PlanarSampleQuality.TargetMeanLogDensity(target.Modes, target.Sigma);
        Assert.InRange(quality.MeanLogDensity, -entropy - 4 / Math.Sqrt(n), -entropy + 4 / Math.Sqrt(n));
    }

    [Fact]
    public void PointsJustInsideAndOutside3Sigma_AreAndAreNotHighQuality()
    {
        var ring = PlanarMixture.Ring();
        var (x, y) = ring.Means[2];
        double s = ring.Sigma;
        float[] points = [(float)(x + 2.9 * s), (float)y, (float)x, (float)(y - 2.9 * s), (float)(x + 3.2 * s), (float)y, (float)x, (float)(y + 10 * s)];
        var quality = PlanarSampleQuality.Of(ring, points);
        Assert.Equal(0.5, quality.HighQualityFraction);
        Assert.Equal(1, quality.ModesHit);
        Assert.Equal(2, quality.HitsPerMode[2]);
        Assert.Equal(2, quality.HitsPerMode.Sum());
    }

    [Fact]
    public void AModeIsHit_OnlyWithAtLeastTheThresholdOfHighQualitySamples()
    {
        var grid = PlanarMixture.Grid();
        var points = new List<float>();
        // Mode 0 gets 5 samples at its mean, mode 1 gets 4, mode 2 one.
        foreach (var (mode, count) in new[] { (0, 5), (1, 4), (2, 1) })
            for (int i = 0; i < count; i++) points.AddRange([(float)grid.Means[mode].X, (float)grid.Means[mode].Y]);
        Assert.Equal(1, PlanarSampleQuality.Of(grid, points, minimumHits: 5).ModesHit);
        Assert.Equal(2, PlanarSampleQuality.Of(grid, points, minimumHits: 4).ModesHit);
        Assert.Equal(3, PlanarSampleQuality.Of(grid, points, minimumHits: 1).ModesHit);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void HitsPerMode_AgreeWithABruteForcePassOverEveryMode(string layout)
    {
        var target = Target(layout);
        var random = new Random(7);
        // Points near the modes at up to 4σ, so some land inside and some outside the radius.
        var points = new float[2 * 5000];
        for (int i = 0; i < 5000; i++)
        {
            var (mx, my) = target.Means[random.Next(target.Modes)];
            double angle = 2 * Math.PI * random.NextDouble(), r = 4 * target.Sigma * random.NextDouble();
            points[2 * i] = (float)(mx + r * Math.Cos(angle));
            points[2 * i + 1] = (float)(my + r * Math.Sin(angle));
        }
        var quality = PlanarSampleQuality.Of(target, points);
        var expected = new int[target.Modes];
        for (int i = 0; i < 5000; i++)
            for (int k = 0; k < target.Modes; k++)
            {
                double dx = points[2 * i] - target.Means[k].X, dy = points[2 * i + 1] - target.Means[k].Y;
                if (Math.Sqrt(dx * dx + dy * dy) <= 3 * target.Sigma) expected[k]++;
            }
        Assert.Equal(expected, quality.HitsPerMode);
        Assert.Equal(expected.Sum() / 5000.0, quality.HighQualityFraction, 12);
    }
}
