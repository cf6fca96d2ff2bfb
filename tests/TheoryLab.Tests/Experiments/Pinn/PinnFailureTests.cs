using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Pinn;

/// <summary>
/// The quick run's tables against their definitions: the exact column is the travelling wave, each error finding is
/// the relative L2 error recomputed from the solutions table, and the curriculum's first stage is the plain PINN at
/// β = 1 (same network, same points, same budget), so that the two curves differ by warm starts alone.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class PinnFailureTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["pinn-failure"].Result;

    [Fact]
    public void SolutionsTable_IsThePapersGridWithTheExactWave()
    {
        var table = _result.Table("solutions");
        Assert.Equal(25_600, table.RowCount);
        Assert.Equal(256, table.Numbers("x").Distinct().Count());
        Assert.Equal(100, table.Numbers("t").Distinct().Count());
        Assert.Equal(2 * Math.PI * 255 / 256, table.Numbers("x").Max(), 1e-12);
        Assert.Equal(1, table.Numbers("t").Max(), 1e-15);
        var x = table.Numbers("x");
        var t = table.Numbers("t");
        var exact = table.Numbers("u_exact");
        foreach (int row in new[] { 0, 257, 12_345, 25_599 })
            Assert.Equal(Math.Sin(x[row] - 30 * t[row]), exact[row], 1e-14);
    }

    [Theory]
    [InlineData("u_plain", "plain_error_target")]
    [InlineData("u_curriculum", "curriculum_error_target")]
    [InlineData("u_seq2seq", "seq2seq_error_target")]
    public void ErrorFindings_AreTheRelativeL2ErrorsOfTheSolutionsTable(string column, string finding)
    {
        var table = _result.Table("solutions");
        var u = table.Numbers(column);
        var exact = table.Numbers("u_exact");
        double difference = Math.Sqrt(u.Select((v, i) => (v - exact[i]) * (v - exact[i])).Sum());
        double norm = Math.Sqrt(exact.Sum(v => v * v));
        Assert.Equal(difference / norm, _result.Finding(finding).Value, 1e-12);
    }

    [Fact]
    public void CurriculumFirstStage_IsThePlainPinnAtBetaOne()
    {
        var plain = _result.Table("plain");
        var curriculum = _result.Table("curriculum");
        Assert.Equal(1, curriculum.Numbers("beta")[0]);
        int row = Array.IndexOf(plain.Numbers("beta").ToArray(), 1.0);
        Assert.Equal(plain.Numbers("relative_l2_error")[row], curriculum.Numbers("relative_l2_error")[0]);
        Assert.Equal(30, curriculum.Numbers("beta")[^1]);
    }
}
