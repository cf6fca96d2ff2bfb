using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class RootAndFixedPointTests
{
    [Fact]
    public void Brent_FindsTheRootOfWallisCubic()
    {
        // x³ − 2x − 5 = 0, the equation Wallis solved by Newton's method: x = 2.0945514815423265…
        double root = Brent.FindRoot(x => x * x * x - 2 * x - 5, 2, 3);
        Assert.Equal(2.0945514815423265, root, 13);
    }

    [Fact]
    public void Brent_ConvergesOnAFunctionThatDefeatsSecantSteps()
    {
        // A flat plateau and a steep wall: interpolation overshoots, and Brent falls back to bisection.
        double root = Brent.FindRoot(x => x < 0.999 ? -1e-12 : Math.Pow(x - 0.999, 3) * 1e9 - 1e-12, 0, 2);
        Assert.Equal(0.999 + Math.Cbrt(1e-21), root, 12);
    }

    [Fact]
    public void Brent_RefusesAnIntervalWithoutASignChange()
    {
        Assert.Throws<ArgumentException>(() => Brent.FindRoot(x => x * x + 1, -1, 1));
    }

    [Fact]
    public void FixedPoint_OfCosine_IsTheDottieNumber()
    {
        var result = FixedPoint.Iterate(Math.Cos, 1.0);
        Assert.True(result.Converged);
        Assert.Equal(0.7390851332151607, result.Value, 12);
        Assert.Equal(Brent.FindRoot(x => Math.Cos(x) - x, 0, 1), result.Value, 12);
    }

    [Fact]
    public void FixedPoint_OfAnExpandingMap_ReportsNoConvergence()
    {
        var result = FixedPoint.Iterate(x => 2 * x + 1, 1.0, maxIterations: 50);
        Assert.False(result.Converged);
    }

    [Fact]
    public void Trajectory_HoldsTheStartAndEachIterate()
    {
        Assert.Equal([1.0, 3.0, 7.0, 15.0], FixedPoint.Trajectory(x => 2 * x + 1, 1.0, 3));
    }
}
