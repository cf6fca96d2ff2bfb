using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class PiecewiseLinearFunctionTests
{
    private static readonly PiecewiseLinearFunction Zero = new([0.0, 1.0], [0.0], [0.0]);

    [Fact]
    public void MeanAbsoluteDistance_OfXFromZero_IsOneHalf()
    {
        Assert.Equal(0.5, PiecewiseLinearFunction.Interpolating([0.0, 1.0], [0.0, 1.0]).MeanAbsoluteDistance(Zero), 15);
    }

    [Fact]
    public void MeanAbsoluteDistance_OfXMinusOneHalfFromZero_IsOneQuarter()
    {
        // The difference changes sign inside the piece: two triangles of area 1/8.
        Assert.Equal(0.25, PiecewiseLinearFunction.Interpolating([0.0, 1.0], [-0.5, 0.5]).MeanAbsoluteDistance(Zero), 15);
    }

    [Fact]
    public void MeanAbsoluteDistance_AgreesWithAFineMidpointSum()
    {
        var random = new Random(2);
        for (int trial = 0; trial < 20; trial++)
        {
            var f = RandomFunction(random, 7);
            var g = RandomFunction(random, 5);
            const int n = 200_000;
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double x = (i + 0.5) / n;
                sum += Math.Abs(f.Evaluate(x) - g.Evaluate(x));
            }
            Assert.Equal(sum / n, f.MeanAbsoluteDistance(g), 1e-6);
        }
    }

    [Fact]
    public void SupDistance_IsTheLargestSampledDifference_ReachedAtABreakpoint()
    {
        var random = new Random(4);
        var f = RandomFunction(random, 6);
        var g = RandomFunction(random, 9);
        double sampled = Enumerable.Range(0, 100_001).Select(i => Math.Abs(f.Evaluate(i / 1e5) - g.Evaluate(i / 1e5))).Max();
        double atBreakpoints = f.Breakpoints.Concat(g.Breakpoints).Max(x => Math.Abs(f.Evaluate(x) - g.Evaluate(x)));
        Assert.Equal(atBreakpoints, f.SupDistance(g), 12);
        Assert.True(f.SupDistance(g) >= sampled - 1e-12);
    }

    [Fact]
    public void Interpolating_PassesThroughItsPoints()
    {
        double[] xs = [0, 0.2, 0.7, 1], ys = [1, -1, 3, 0];
        var f = PiecewiseLinearFunction.Interpolating(xs, ys);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(ys[i], f.Evaluate(xs[i]), 14);
        Assert.Equal(0, f.Evaluate(0.1), 14);
    }

    [Fact]
    public void Constructor_RefusesBreakpointsThatDoNotIncrease()
    {
        var e = Assert.Throws<ArgumentException>(() => new PiecewiseLinearFunction([0.0, 0.5, 0.5], [1.0, 2.0], [0.0, 0.0]));
        Assert.Contains("increase strictly", e.Message);
    }

    /// <summary>A continuous function on [0, 1] through random values at random knots.</summary>
    internal static PiecewiseLinearFunction RandomFunction(Random random, int pieces)
    {
        var xs = Enumerable.Range(0, pieces - 1).Select(_ => random.NextDouble()).Order().Prepend(0).Append(1).ToArray();
        var ys = xs.Select(_ => 2 * random.NextDouble() - 0.5).ToArray();
        return PiecewiseLinearFunction.Interpolating(xs, ys);
    }
}
