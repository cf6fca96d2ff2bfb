using TheoryLab.Experiments.Expressivity;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Expressivity;

[Collection(QuickRunsCollection.Name)]
public class CompositionalTests(QuickRuns runs)
{
    private static readonly Compositional Experiment = new();

    [Fact]
    public void Quick_DeepTreeNetwork_BeatsShallowNetworkOfEqualSize_ByAFactorOfFour()
    {
        var result = runs["compositional"].Result;
        var samples = result.Table("samples");
        for (int i = 0; i < samples.RowCount; i++)
        {
            double gap = samples.Numbers("shallow_log10_nmse")[i] - samples.Numbers("deep_log10_nmse")[i];
            Assert.True(gap >= Math.Log10(4), $"at {samples.Numbers("train_size")[i]} examples the shallow error is only {Math.Pow(10, gap):F2}× the deep one");
        }
        Assert.Equal(1, result.Finding("deep_wins_fraction").Value);
        var shallow = result.Finding("shallow_parameters");
        // Equal parameter counts up to the n + 2 parameters of one hidden unit.
        Assert.InRange(Math.Abs(shallow.Value - shallow.Expected!.Value), 0, Experiment.Quick.Inputs + 2);
    }
}

public class CompositionalReproductionTests
{
    [Fact]
    [Trait("Category", "Reproduction")]
    public void Defaults_DeepTreeNetwork_BeatsShallowNetworkOfEqualSize_OnceExamplesOutnumberParametersFourfold()
    {
        // Poggio et al.'s n = 8 binary tree at the defaults, several seeds. With fewer examples than parameters both nets
        // overfit and the comparison says nothing about approximation; from four examples per parameter on, the same
        // factor-of-four margin as the quick test.
        var experiment = new Compositional();
        var result = experiment.Run(experiment.Defaults, RunContext.Default);
        double parameters = result.Finding("deep_parameters").Value;
        var samples = result.Table("samples");
        int compared = 0;
        for (int i = 0; i < samples.RowCount; i++)
        {
            if (samples.Numbers("train_size")[i] < 4 * parameters) continue;
            compared++;
            double gap = samples.Numbers("shallow_log10_nmse")[i] - samples.Numbers("deep_log10_nmse")[i];
            Assert.True(gap >= Math.Log10(4), $"at {samples.Numbers("train_size")[i]} examples the shallow error is only {Math.Pow(10, gap):F2}× the deep one");
        }
        Assert.True(compared >= 2, $"only {compared} training-set sizes of at least 4 × {parameters} examples");
    }
}
