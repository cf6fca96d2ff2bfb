using TheoryLab.Numerics.Pde;

namespace TheoryLab.Tests.Numerics.Pde;

/// <summary>
/// The Cole–Hopf solution of Burgers' equation (ν = 0.01/π, u₀ = −sin(πx)) against its own quadrature refined, its
/// limits and symmetries, and a second method: the central finite-difference solver, whose error against it falls at
/// the solver's second order before and after the shock forms.
/// </summary>
public class BurgersColeHopfTests
{
    private const double Nu = 0.01 / Math.PI;
    private static readonly BurgersColeHopf Exact = new(Nu);

    [Theory]
    [InlineData(0.99, 0.002)]
    [InlineData(0.99, -0.0005)]
    [InlineData(0.5, 0.3)]
    [InlineData(0.25, -0.7)]
    [InlineData(0.01, 0.95)]
    public void Value_WithHalfTheNodeSpacingAndAWiderRange_ChangesByLessThan1e10(double t, double x)
    {
        var finer = new BurgersColeHopf(Nu, spacing: 0.005, halfWidth: 20);
        Assert.InRange(Math.Abs(finer.Value(t, x) - Exact.Value(t, x)), 0, 1e-10);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-0.8)]
    public void Value_AtASmallTime_IsTheInitialConditionMovedByTheEquationsRate(double x)
    {
        // u(t) = u₀ + t(−u₀u₀′ + νu₀″) + O(t²): the first-order Taylor step of the PDE itself.
        double t = 1e-4, u0 = -Math.Sin(Math.PI * x), ux = -Math.PI * Math.Cos(Math.PI * x), uxx = Math.PI * Math.PI * Math.Sin(Math.PI * x);
        Assert.InRange(Math.Abs(Exact.Value(t, x) - (u0 + t * (-u0 * ux + Nu * uxx))), 0, 1e-6);
    }

    [Fact]
    public void Value_IsOddInXAndZeroOnTheBoundary()
    {
        foreach (double t in new[] { 0.1, 0.5, 0.99 })
        {
            Assert.InRange(Math.Abs(Exact.Value(t, 1)), 0, 1e-12);
            Assert.InRange(Math.Abs(Exact.Value(t, -1)), 0, 1e-12);
            foreach (double x in new[] { 0.001, 0.2, 0.77 })
                Assert.InRange(Math.Abs(Exact.Value(t, -x) + Exact.Value(t, x)), 0, 1e-12);
        }
    }

    private static double MaxError(double t, int nodes)
    {
        var u = BurgersFiniteDifference.Solve(x => -Math.Sin(Math.PI * x), Nu, t, nodes);
        return Enumerable.Range(0, nodes).Max(i => Math.Abs(u[i] - Exact.Value(t, -1 + 2.0 * i / nodes)));
    }

    [Fact]
    public void FiniteDifferences_BeforeTheShock_ConvergeToItAtSecondOrder()
    {
        // t = 0.2 is before the inviscid breaking time 1/π: the solution is smooth on every grid used.
        double e1 = MaxError(0.2, 512), e2 = MaxError(0.2, 1024), e3 = MaxError(0.2, 2048);
        Assert.InRange(e1 / e2, 3.5, 4.5);
        Assert.InRange(e2 / e3, 3.5, 4.5);
    }

    [Fact]
    public void FiniteDifferences_AfterTheShockForms_ConvergeToItAtSecondOrder()
    {
        // At t = 0.5 the front at x = 0 is a few ν wide; once h resolves it the error again falls as h².
        double e1 = MaxError(0.5, 1024), e2 = MaxError(0.5, 2048), e3 = MaxError(0.5, 4096);
        Assert.InRange(e2 / e3, 3.5, 4.5);
        Assert.True(e1 > e2, $"errors {e1:G3}, {e2:G3}, {e3:G3} should fall under refinement");
        Assert.InRange(e3, 0, 1e-3);
    }

    [Fact]
    public void FiniteDifferences_OnAGridTooCoarseForTheViscosity_AreRefusedWithTheNodesNeeded()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BurgersFiniteDifference.Solve(x => -Math.Sin(Math.PI * x), Nu, 0.1, 128));
        Assert.Contains("Péclet", error.Message);
    }
}
