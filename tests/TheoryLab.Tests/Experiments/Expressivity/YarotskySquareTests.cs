using TheoryLab.Experiments.Expressivity;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Expressivity;

[Collection(QuickRunsCollection.Name)]
public class YarotskySquareTests(QuickRuns runs)
{
    private static readonly YarotskySquare Experiment = new();
    private readonly ExperimentResult _quick = runs["yarotsky-square"].Result;

    [Fact]
    public void Quick_MaxErrorFinding_Is2ToTheMinus2mMinus2()
    {
        var finding = _quick.Finding("max_error");
        Assert.Equal(Math.Pow(2, -2 * Experiment.Quick.M - 2), finding.Expected);
        Assert.Equal(finding.Expected!.Value, finding.Value, 15);
        Assert.Equal(finding.Value, _quick.Finding("max_error_sampled").Value, 15);
        Assert.Equal(0, _quick.Finding("network_formula_gap").Value, 15);
    }

    [Fact]
    public void Quick_ProductAndSmoothTargetsMeetTheirTheory()
    {
        var product = _quick.Finding("product_max_error");
        Assert.Equal(product.Expected!.Value, product.Value, 15);
        Assert.Equal(1, _quick.Finding("smooth_within_epsilon").Value);
        var smooth = _quick.Table("smooth");
        Assert.True(smooth.Numbers("hidden_layers").Zip(smooth.Numbers("hidden_layers").Skip(1)).All(p => p.First < p.Second), "depth grows as ε shrinks");
    }

    [Fact]
    public void Quick_WeightCountsMatchTheConstructions()
    {
        int m = Experiment.Quick.M;
        Assert.Equal(8 * m - 1, _quick.Finding("deep_weights").Value);
        Assert.Equal(3 * (1 << m) - 1, _quick.Finding("shallow_weights").Value);
    }

    [Fact]
    public void Quick_PartitionOfUnityNetwork_MeetsEveryEpsilon_WithTheDepthOfItsConstruction()
    {
        var partition = _quick.Table("partition");
        for (int i = 0; i < partition.RowCount; i++)
        {
            // Exact sup error ≤ proven bound ≤ ε: the construction's guarantee, measured over all its pieces.
            Assert.True(partition.Numbers("max_error")[i] <= partition.Numbers("bound")[i], $"row {i}: error above the bound");
            Assert.True(partition.Numbers("bound")[i] <= partition.Numbers("epsilon")[i], $"row {i}: bound above ε");
            Assert.Equal(partition.Numbers("theory_hidden_layers")[i], partition.Numbers("hidden_layers")[i]);
        }
        var within = _quick.Finding("partition_within_epsilon");
        Assert.Equal(within.Expected, within.Value);
    }
}
