using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class SquareDeviationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void Max_OfUniformInterpolantWithNPieces_IsOneOver4NSquared(int pieces)
    {
        var xs = Enumerable.Range(0, pieces + 1).Select(k => (double)k / pieces).ToArray();
        var ys = xs.Select(x => x * x).ToArray();
        Assert.Equal(1.0 / (4.0 * pieces * pieces), SquareDeviation.Max(xs, ys), 15);
    }

    [Fact]
    public void Max_OfRandomPiecewiseLinearFunction_MatchesDenseSampling()
    {
        var random = new Random(7);
        var xs = Enumerable.Range(0, 9).Select(k => k / 8.0).ToArray();
        var ys = xs.Select(_ => random.NextDouble() * 1.5 - 0.25).ToArray();
        double exact = SquareDeviation.Max(xs, ys);

        double sampled = 0;
        const int points = 800_001;
        for (int i = 0; i < points; i++)
        {
            double x = i / (points - 1.0);
            int k = Math.Min(7, (int)(x * 8));
            double line = ys[k] + (ys[k + 1] - ys[k]) * (x - xs[k]) * 8;
            sampled = Math.Max(sampled, Math.Abs(line - x * x));
        }
        // The grid spacing bounds how far the sampled maximum can fall short: |d′| ≤ 12 here.
        Assert.InRange(exact - sampled, 0, 12.0 / (points - 1));
    }
}
