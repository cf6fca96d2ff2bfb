using TheoryLab.Experiments.Pinn;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Pinn;

/// <summary>
/// The quick run at equal budgets: every method ends with the same collocation points (the joint proxy with the same
/// total of collocation, initial and boundary points), each error finding is the last point of its error curve, and
/// the Allen–Cahn reference the networks are scored against stays in [−1, 1] and starts at x² cos(πx).
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class PinnAdaptiveTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["pinn-adaptive"].Result;
    private static readonly PinnAdaptiveOptions Quick = new PinnAdaptive().Quick;

    [Fact]
    public void EveryMethod_EndsWithTheSameBudget()
    {
        var table = _result.Table("final-errors");
        var methods = table.Texts("method");
        var collocation = table.Numbers("collocation_points");
        var initial = table.Numbers("initial_points");
        var boundary = table.Numbers("boundary_times");
        Assert.Equal(8, table.RowCount);
        for (int row = 0; row < table.RowCount; row++)
        {
            if (methods[row].StartsWith("PINNACLE", StringComparison.Ordinal))
                Assert.Equal(Quick.CollocationPoints + Quick.InitialPoints + Quick.BoundaryTimes, collocation[row] + initial[row] + boundary[row]);
            else
            {
                Assert.Equal(Quick.CollocationPoints, collocation[row]);
                Assert.Equal(Quick.InitialPoints, initial[row]);
                Assert.Equal(Quick.BoundaryTimes, boundary[row]);
            }
        }
    }

    [Theory]
    [InlineData("burgers", "fixed")]
    [InlineData("burgers", "rad")]
    [InlineData("allen-cahn", "rar_d")]
    [InlineData("allen-cahn", "joint")]
    public void ErrorFinding_IsTheLastPointOfItsCurve(string benchmark, string method)
    {
        var curve = _result.Table($"error-{benchmark}").Numbers($"error_{method}");
        Assert.Equal(Quick.Rounds + 1, curve.Count);
        Assert.Equal(curve[^1], _result.Finding($"{benchmark.Replace('-', '_')}_{method}_error").Value);
    }

    [Fact]
    public void AllenCahnReference_StartsAtTheInitialConditionAndStaysInTheUnitInterval()
    {
        var table = _result.Table("solution-allen-cahn");
        var t = table.Numbers("t");
        var x = table.Numbers("x");
        var u = table.Numbers("u_reference");
        for (int row = 0; row < table.RowCount; row++)
        {
            Assert.InRange(Math.Abs(u[row]), 0, 1 + 1e-6);
            if (t[row] == 0) Assert.Equal(x[row] * x[row] * Math.Cos(Math.PI * x[row]), u[row], 1e-13);
        }
    }
}
