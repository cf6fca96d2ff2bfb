using TheoryLab.Kernel;
using TheoryLab.Numerics.Pde;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Pinn;

/// <summary>
/// The quick run's solution table is Raissi's grid with the issue's columns, its reference column is the Cole–Hopf
/// solution, and the error finding is the relative L2 error recomputed from the table.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class PinnBurgersTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["pinn-burgers"].Result;

    [Fact]
    public void SolutionTable_HoldsRaissisGridWithTheIssuesColumns()
    {
        var table = _result.Table("solution");
        Assert.Equal(["x", "t", "u_pinn", "u_reference"], table.ColumnNames);
        Assert.Equal(25_600, table.RowCount);
        Assert.Equal(256, table.Numbers("x").Distinct().Count());
        Assert.Equal(100, table.Numbers("t").Distinct().Count());
        Assert.Equal(0.99, table.Numbers("t").Max(), 1e-12);
        Assert.Equal(-1, table.Numbers("x").Min(), 1e-12);
    }

    [Fact]
    public void ReferenceColumn_IsTheColeHopfSolution()
    {
        var table = _result.Table("solution");
        var exact = new BurgersColeHopf(0.01 / Math.PI);
        foreach (int row in new[] { 0, 300, 12_345, 25_599 })
            Assert.Equal(exact.Value(table.Numbers("t")[row], table.Numbers("x")[row]), table.Numbers("u_reference")[row], 1e-14);
    }

    [Fact]
    public void ErrorFinding_IsTheRelativeL2ErrorOfTheSolutionTable()
    {
        var table = _result.Table("solution");
        var u = table.Numbers("u_pinn");
        var reference = table.Numbers("u_reference");
        double difference = Math.Sqrt(u.Select((v, i) => (v - reference[i]) * (v - reference[i])).Sum());
        double norm = Math.Sqrt(reference.Sum(v => v * v));
        Assert.Equal(difference / norm, _result.Finding("relative_l2_error").Value, 1e-12);
    }
}
