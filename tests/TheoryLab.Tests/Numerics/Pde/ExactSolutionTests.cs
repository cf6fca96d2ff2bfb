using TheoryLab.Numerics.Pde;

namespace TheoryLab.Tests.Numerics.Pde;

/// <summary>The closed-form solutions of the PINN library satisfy their equations, initial and boundary conditions (derivatives by central differences).</summary>
public class ExactSolutionTests
{
    private const double H = 1e-4;

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-2.5)]
    public void PoissonSine_SourceIsMinusTheLaplacian_AndVanishesOnTheBoundary(double growth)
    {
        var problem = new PoissonSine(growth, [2, 3]);
        foreach (var (x, y) in new[] { (0.13, 0.71), (0.5, 0.25), (0.92, 0.4) })
        {
            double U(double a, double b) => problem.Value([a, b]);
            double laplacian = (U(x + H, y) + U(x - H, y) + U(x, y + H) + U(x, y - H) - 4 * U(x, y)) / (H * H);
            Assert.Equal(-laplacian, problem.Source([x, y]), 1e-4 * Math.Abs(problem.Source([x, y])) + 1e-5);
        }
        foreach (double s in new[] { 0.0, 0.3, 0.77, 1.0 })
        {
            Assert.Equal(0, problem.Value([s, 0]), 1e-14);
            Assert.Equal(0, problem.Value([s, 1]), 1e-14);
            Assert.Equal(0, problem.Value([0, s]), 1e-14);
            Assert.Equal(0, problem.Value([1, s]), 1e-14);
        }
    }

    [Fact]
    public void HeatSine_SatisfiesTheHeatEquation_TheInitialValueAndZeroBoundaryValues()
    {
        var heat = new HeatSine(0.1, 2);
        foreach (var (t, x) in new[] { (0.1, 0.2), (0.5, 0.63), (0.9, 0.85) })
        {
            double ut = (heat.Value(t + H, x) - heat.Value(t - H, x)) / (2 * H);
            double uxx = (heat.Value(t, x + H) - 2 * heat.Value(t, x) + heat.Value(t, x - H)) / (H * H);
            Assert.Equal(ut, 0.1 * uxx, 1e-5);
            Assert.True(Math.Abs(ut) > 0.01);
            Assert.Equal(0, heat.Value(t, 0), 1e-14);
            Assert.Equal(0, heat.Value(t, 1), 1e-14);
        }
        Assert.Equal(Math.Sin(2 * Math.PI * 0.3), heat.Value(0, 0.3), 1e-15);
    }

    [Fact]
    public void ReactionLogistic_SatisfiesTheLogisticEquation_TheInitialValueAndPeriodicity()
    {
        var reaction = new ReactionLogistic(5);
        foreach (var (t, x) in new[] { (0.1, 2.0), (0.4, 3.3), (0.9, 5.0) })
        {
            double u = reaction.Value(t, x);
            double ut = (reaction.Value(t + H, x) - reaction.Value(t - H, x)) / (2 * H);
            Assert.Equal(5 * u * (1 - u), ut, 1e-6);
            Assert.True(Math.Abs(ut) > 0.01);
        }
        Assert.Equal(1, ReactionLogistic.Initial(Math.PI), 1e-15);
        Assert.Equal(ReactionLogistic.Initial(1.2), reaction.Value(0, 1.2), 1e-15);
        Assert.Equal(reaction.Value(0.7, 0), reaction.Value(0.7, 2 * Math.PI), 1e-15);
    }
}
