using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Adversarial;

/// <summary>
/// sparsity-robustness's quick run against the attacks' ordering and the paper's claim: PGD never leaves more accuracy
/// than FGSM at the same ε, classifier and K; every front end shrinks the margin's Lipschitz constant below the
/// classifier's without it (and its shrinkage factor is below 1); and at the paper's settings the front end leaves
/// more accuracy under both attacks than the same classifier without it.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class SparsityRobustnessTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["sparsity-robustness"].Result;

    [Fact]
    public void Pgd_NeverLeavesMoreAccuracyThanFgsm_AtTheSameBudgetClassifierAndK()
    {
        var table = _result.Table("robustness");
        var fgsmColumns = table.ColumnNames.Where(c => c.StartsWith("fgsm_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fgsmColumns);
        foreach (string fgsm in fgsmColumns)
        {
            var single = table.Numbers(fgsm);
            var iterative = table.Numbers("pgd_" + fgsm["fgsm_".Length..]);
            for (int row = 0; row < table.RowCount; row++)
                Assert.True(iterative[row] <= single[row], $"{fgsm}, K = {table.Numbers("keep")[row]}: PGD leaves {iterative[row]}, FGSM {single[row]}");
        }
        Assert.True(_result.Finding("largest_pgd_excess").Value <= 0);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("perceptron")]
    public void EveryFrontEnd_ShrinksTheMarginsLipschitzConstant(string slug)
    {
        var table = _result.Table("robustness");
        var lipschitz = table.Numbers($"lipschitz_{slug}");
        var shrinkage = table.Numbers($"shrinkage_{slug}");
        int plain = table.RowCount - 1;   // the last row, K = N, is the classifier without front end
        Assert.Equal(1, shrinkage[plain]);
        for (int row = 0; row < plain; row++)
        {
            Assert.True(lipschitz[row] < lipschitz[plain], $"K = {table.Numbers("keep")[row]}: {lipschitz[row]} against {lipschitz[plain]} without front end");
            Assert.InRange(shrinkage[row], 0, 1);
        }
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("perceptron")]
    public void AtThePapersSetting_TheFrontEndLeavesMoreAccuracyUnderAttack(string slug)
    {
        foreach (string attack in new[] { "fgsm", "pgd" })
        {
            double plain = _result.Finding($"{attack}_accuracy_{slug}").Value, fronted = _result.Finding($"{attack}_accuracy_{slug}_front_end").Value;
            Assert.True(fronted > plain, $"{attack}: {fronted} behind the front end, {plain} without");
        }
    }
}
