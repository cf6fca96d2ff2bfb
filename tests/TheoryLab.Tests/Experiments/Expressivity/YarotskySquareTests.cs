using TheoryLab.Experiments.Expressivity;
using TheoryLab.Kernel;

namespace TheoryLab.Tests.Experiments.Expressivity;

public class YarotskySquareTests
{
    private static readonly YarotskySquare Experiment = new();
    private static readonly Lazy<ExperimentResult> QuickResult = new(() => Experiment.Run(Experiment.Quick, RunContext.Default));

    [Fact]
    public void Quick_MaxErrorFinding_Is2ToTheMinus2mMinus2()
    {
        var finding = QuickResult.Value.Finding("max_error");
        Assert.Equal(Math.Pow(2, -2 * Experiment.Quick.M - 2), finding.Expected);
        Assert.Equal(finding.Expected!.Value, finding.Value, 15);
        Assert.Equal(finding.Value, QuickResult.Value.Finding("max_error_sampled").Value, 15);
        Assert.Equal(0, QuickResult.Value.Finding("network_formula_gap").Value, 15);
    }

    [Fact]
    public void Quick_ProductAndSmoothTargetsMeetTheirTheory()
    {
        var product = QuickResult.Value.Finding("product_max_error");
        Assert.Equal(product.Expected!.Value, product.Value, 15);
        Assert.Equal(1, QuickResult.Value.Finding("smooth_within_epsilon").Value);
        var smooth = QuickResult.Value.Table("smooth");
        Assert.True(smooth.Numbers("hidden_layers").Zip(smooth.Numbers("hidden_layers").Skip(1)).All(p => p.First < p.Second), "depth grows as ε shrinks");
    }

    [Fact]
    public void Quick_WeightCountsMatchTheConstructions()
    {
        int m = Experiment.Quick.M;
        Assert.Equal(8 * m - 1, QuickResult.Value.Finding("deep_weights").Value);
        Assert.Equal(3 * (1 << m) - 1, QuickResult.Value.Finding("shallow_weights").Value);
    }

    [Fact]
    public void Quick_PartitionOfUnityNetwork_MeetsEveryEpsilon_WithTheDepthOfItsConstruction()
    {
        var partition = QuickResult.Value.Table("partition");
        for (int i = 0; i < partition.RowCount; i++)
        {
            // Exact sup error ≤ proven bound ≤ ε: the construction's guarantee, measured over all its pieces.
            Assert.True(partition.Numbers("max_error")[i] <= partition.Numbers("bound")[i], $"row {i}: error above the bound");
            Assert.True(partition.Numbers("bound")[i] <= partition.Numbers("epsilon")[i], $"row {i}: bound above ε");
            Assert.Equal(partition.Numbers("theory_hidden_layers")[i], partition.Numbers("hidden_layers")[i]);
        }
        var within = QuickResult.Value.Finding("partition_within_epsilon");
        Assert.Equal(within.Expected, within.Value);
    }
}
