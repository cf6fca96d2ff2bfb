using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Pinn;

/// <summary>
/// The quick run against independent computations: Gauss–Legendre at the largest N agrees with the reference integral
/// (a different rule) to rounding, the midpoint grid's error on the network's residual falls at its theoretical
/// N^{−2} in 1-D, and each error finding is the last row of its training table.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class PinnQuadratureTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["pinn-quadrature"].Result;

    [Fact]
    public void GaussAtTheLargestN_AgreesWithTheReferenceIntegral()
    {
        Assert.True(_result.Table("quadrature-1d").Numbers("error_gauss")[^1] < 1e-13);
        Assert.True(_result.Table("quadrature-2d").Numbers("error_gauss")[^1] < 1e-6);
    }

    /// <summary>In 1-D only: the quick run's 2-D sizes (N = 36 and 144) are pre-asymptotic for this integrand (slope −1.17); the defaults' reach −1.</summary>
    [Theory]
    [InlineData("quadrature_slope_grid_1d", -2.0)]
    public void MidpointGrid_ErrorOfTheResidualIntegralFallsAtItsTheoreticalRate(string finding, double slope)
    {
        Assert.Equal(slope, _result.Finding(finding).Value, 0.1);
        Assert.Equal(slope, _result.Finding(finding).Expected);
    }

    [Theory]
    [InlineData("1d", "grid")]
    [InlineData("1d", "gauss")]
    [InlineData("2d", "halton")]
    [InlineData("2d", "random")]
    public void ErrorFindings_AreTheLastRowOfTheTrainingTable(string dimension, string kind)
    {
        Assert.Equal(_result.Table($"training-{dimension}").Numbers($"error_{kind}")[^1], _result.Finding($"pinn_error_{kind}_{dimension}").Value);
    }
}
