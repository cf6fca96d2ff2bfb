using TheoryLab.Data;
using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

public class ToySetTests
{
    private static IEnumerable<(double X, double Y, int Label)> Points(LabeledData d) =>
        Enumerable.Range(0, d.Count).Select(n => ((double)d.Inputs[2 * n], (double)d.Inputs[2 * n + 1], d.Labels[n]));

    [Fact]
    public void TwoSpirals_WithoutNoise_EachPointsAngleIsItsRadiusTimes2PiTurns_PlusPiForClass1()
    {
        const double turns = 2;
        foreach (var (x, y, label) in Points(TwoSpirals.Generate(500, seed: 1, turns, noise: 0)))
        {
            double r = Math.Sqrt(x * x + y * y);
            Assert.InRange(r, 0, 1 + 1e-6);
            double expected = 2 * Math.PI * turns * r + label * Math.PI;
            double gap = Math.IEEERemainder(Math.Atan2(y, x) - expected, 2 * Math.PI);
            Assert.True(r < 1e-3 || Math.Abs(gap) < 1e-4, $"point ({x}, {y}) of class {label} is off its spiral by {gap} rad");
        }
    }

    [Fact]
    public void TwoSpirals_RadiiAreUniform_SoPointsAreEvenAlongTheCurve()
    {
        // θ = 2π·turns·√u makes r = √u, so r² is uniform on [0, 1]: mean 1/2, variance 1/12.
        var data = TwoSpirals.Generate(20000, seed: 2, noise: 0);
        var squares = Points(data).Select(p => p.X * p.X + p.Y * p.Y).ToArray();
        double se = Math.Sqrt(1.0 / 12 / squares.Length);
        Assert.InRange(squares.Average(), 0.5 - 4 * se, 0.5 + 4 * se);
    }

    [Fact]
    public void TwoSpirals_ClassesAreBalanced_AndSameSeedGivesSamePoints()
    {
        var a = TwoSpirals.Generate(101, seed: 3);
        Assert.Equal(51, a.Labels.Count(l => l == 0));
        Assert.Equal(a.Inputs, TwoSpirals.Generate(101, seed: 3).Inputs);
        Assert.NotEqual(a.Inputs, TwoSpirals.Generate(101, seed: 4).Inputs);
    }

    [Fact]
    public void TwoMoons_WithoutNoise_LieOnTheirHalfCircles()
    {
        foreach (var (x, y, label) in Points(TwoMoons.Generate(400, seed: 5, noise: 0)))
        {
            var (cx, cy) = label == 0 ? (0.0, 0.0) : (1.0, 0.5);
            Assert.Equal(1, Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)), 1e-6);
            Assert.True(label == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6);
        }
    }

    [Fact]
    public void TwoMoons_NoiseSd_IsTheSpreadAcrossTheCircle()
    {
        // Radial residuals of points jittered by N(0, σ²) per coordinate have sd ≈ σ when σ ≪ radius.
        const double sigma = 0.05;
        var residuals = Points(TwoMoons.Generate(20000, seed: 6, sigma)).Select(p =>
        {
            var (cx, cy) = p.Label == 0 ? (0.0, 0.0) : (1.0, 0.5);
            return Math.Sqrt((p.X - cx) * (p.X - cx) + (p.Y - cy) * (p.Y - cy)) - 1;
        }).ToArray();
        double mean = residuals.Average();
        double sd = Math.Sqrt(residuals.Average(r => (r - mean) * (r - mean)));
        Assert.InRange(sd, sigma * 0.97, sigma * 1.03);
    }

    [Fact]
    public void GaussianMixture_ClassMeansAndCovariances_MatchTheComponents()
    {
        const int components = 5;
        const double sigma = 0.3;
        var data = GaussianMixture.Generate(25000, seed: 7, components, radius: 3, sigma);
        Assert.Equal(components, data.Classes);
        for (int k = 0; k < components; k++)
        {
            var points = Points(data).Where(p => p.Label == k).ToArray();
            Assert.Equal(5000, points.Length);
            var (mx, my) = GaussianMixture.Mean(k, components, 3);
            double se = sigma / Math.Sqrt(points.Length);
            double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
            Assert.InRange(meanX, mx - 4 * se, mx + 4 * se);
            Assert.InRange(meanY, my - 4 * se, my + 4 * se);
            // The sample variance of n normals has relative sd √(2/n) = 2%; the covariance has sd σ²/√n.
            double varX = points.Average(p => (p.X - meanX) * (p.X - meanX));
            double covXY = points.Average(p => (p.X - meanX) * (p.Y - meanY));
            Assert.InRange(varX / (sigma * sigma), 1 - 4 * Math.Sqrt(2.0 / points.Length), 1 + 4 * Math.Sqrt(2.0 / points.Length));
            Assert.InRange(covXY, -4 * sigma * sigma / Math.Sqrt(points.Length), 4 * sigma * sigma / Math.Sqrt(points.Length));
        }
    }

    [Fact]
    public void GaussianMixture_MeansSitOnTheCircleAtEqualAngles()
    {
        var (x0, y0) = GaussianMixture.Mean(0, 4, 2);
        var (x1, y1) = GaussianMixture.Mean(1, 4, 2);
        Assert.Equal((2.0, 0.0), (x0, y0));
        Assert.Equal(0, x1, 1e-12);
        Assert.Equal(2, y1, 1e-12);
    }

    [Fact]
    public void ToySets_RefuseNegativeNoiseAndEmptySets()
    {
        Assert.Contains("noise -0.1", Assert.Throws<TheoryLabException>(() => TwoMoons.Generate(10, 0, -0.1)).Message);
        Assert.Contains("0 examples", Assert.Throws<TheoryLabException>(() => TwoSpirals.Generate(0, 0)).Message);
        Assert.Contains("1 components", Assert.Throws<TheoryLabException>(() => GaussianMixture.Generate(10, 0, components: 1)).Message);
    }
}
