using TheoryLab.Experiments;
using TheoryLab.Experiments.Expressivity;

namespace TheoryLab.Tests.Experiments.Expressivity;

public class CompositionalTests
{
    private static readonly Compositional Experiment = new();

    [Fact]
    public void Quick_DeepTreeNetwork_BeatsShallowNetworkOfEqualSize_ByAFactorOfFour()
    {
        var result = Experiment.Run(Experiment.Quick, RunContext.Default);
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
