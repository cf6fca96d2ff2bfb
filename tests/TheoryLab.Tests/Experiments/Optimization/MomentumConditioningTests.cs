using TheoryLab.Experiments.Optimization;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Optimization;

/// <summary>The paper's defaults (κ up to 10⁴), run once for the reproduction suite.</summary>
public sealed class DefaultMomentumConditioningRun
{
    public MomentumConditioning Experiment { get; } = new();
    public ExperimentResult Result { get; }

    public DefaultMomentumConditioningRun() => Result = Experiment.Run(Experiment.Defaults, RunContext.Default);
}

[Collection(QuickRunsCollection.Name)]
public class MomentumConditioningTests(QuickRuns runs) : MomentumConditioningChecks(runs["momentum-conditioning"].Result);

[Trait("Category", "Reproduction")]
public class MomentumConditioningReproductionTests(DefaultMomentumConditioningRun run) : MomentumConditioningChecks(run.Result), IClassFixture<DefaultMomentumConditioningRun>;

/// <summary>The conditioning facts, checked on the quick run and on the defaults.</summary>
public abstract class MomentumConditioningChecks(ExperimentResult result)
{
    private readonly ExperimentResult _result = result;

    /// <summary>
    /// Over the κ range (10 to 1000 in the quick run) the exact iteration counts ln(1/ε)/ln(1/ρ(κ)) have log–log slopes within 0.05 of 1 and ½
    /// (the preasymptotic −½ in √κ − ½, and heavy ball's polynomial factor, add a little); 0.1 allows for that and the
    /// integer counts, and still separates ½ from 1 by a wide margin.
    /// </summary>
    [Theory]
    [InlineData("slope_gd", 1.0)]
    [InlineData("slope_heavy_ball", 0.5)]
    [InlineData("slope_nesterov", 0.5)]
    public void IterationsAgainstKappa_HaveTheTheoreticalSlope(string finding, double theory)
    {
        var slope = _result.Finding(finding);
        Assert.Equal(theory, slope.Expected);
        Assert.True(Math.Abs(slope.Value - theory) < 0.1, $"{finding} = {slope.Value:F3}, theory {theory}");
    }

    [Fact]
    public void MeasuredIterations_StayWithinAFactorTwoOfTheContractionFactorCount()
    {
        // An independent count from the spectral radius of each method's iteration matrix; heavy ball's Jordan block
        // at the extreme eigenvalues adds a factor that grows like log κ, hence the factor of two.
        var table = _result.Table("iterations");
        foreach (var method in new[] { "gd", "heavy_ball", "nesterov" })
            for (int i = 0; i < table.RowCount; i++)
            {
                double ratio = table.Numbers(method)[i] / table.Numbers($"{method}_theory")[i];
                Assert.True(ratio is > 0.5 and < 2, $"{method} at κ = {table.Numbers("kappa")[i]}: measured/theory = {ratio:F3}");
            }
    }
}
