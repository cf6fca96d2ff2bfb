using TheoryLab.Experiments;
using TheoryLab.Experiments.Optimization;

namespace TheoryLab.Tests.Experiments.Optimization;

/// <summary>One run of the quick options, shared by the tests that read it.</summary>
public sealed class QuickSgdNoiseFloorRun
{
    public SgdNoiseFloor Experiment { get; } = new();
    public ExperimentResult Result { get; }

    public QuickSgdNoiseFloorRun() => Result = Experiment.Run(Experiment.Quick, RunContext.Default);
}

public class SgdNoiseFloorTests(QuickSgdNoiseFloorRun quick) : IClassFixture<QuickSgdNoiseFloorRun>
{
    private readonly ExperimentResult _result = quick.Result;

    [Fact]
    public void Quick_Plateau_GrowsWithTheStep_InProportion()
    {
        var plateaus = _result.Table("plateau-vs-alpha").Numbers("plateau");
        for (int i = 1; i < plateaus.Count; i++) Assert.True(plateaus[i] > plateaus[i - 1], $"plateau {i} ({plateaus[i]:E3}) not above plateau {i - 1} ({plateaus[i - 1]:E3})");
        // Steps double from one run to the next; a slope within 0.15 of 1 excludes α^0.5 and α².
        double slope = _result.Finding("plateau_slope").Value;
        Assert.True(Math.Abs(slope - 1) < 0.15, $"plateau slope {slope:F3}");
    }

    [Fact]
    public void Quick_Plateau_MatchesTheSmallStepStationaryGap_AndStaysBelowTheBound()
    {
        // αM/4 is the small-α limit; at α = L_max/16 the multiplicative noise adds a few per cent, and a time average
        // over a few relaxation times fluctuates by about as much: 25 % separates it from the bound, which is 20× higher.
        double ratio = _result.Finding("plateau_over_small_alpha_theory").Value;
        Assert.True(ratio is > 0.8 and < 1.25, $"plateau / (αM/4) = {ratio:F3}");
        Assert.True(_result.Finding("plateau_over_bound_max").Value < 1);
    }

    [Fact]
    public void Quick_DiminishingStepAndGrowingBatch_CloseTheGap()
    {
        var curves = _result.Table("gap-vs-iterations");
        double plateauOfLargestStep = _result.Table("plateau-vs-alpha").Numbers("plateau")[^1];
        Assert.True(curves.Numbers("gap_growing_batch")[^1] < 1e-3 * plateauOfLargestStep);
        double slope = _result.Finding("diminishing_slope").Value;
        Assert.True(Math.Abs(slope + 1) < 0.25, $"diminishing-step slope {slope:F3}, O(1/k) predicts −1");
    }

    [Fact]
    public void Quick_Svrg_ConvergesLinearly()
    {
        var gaps = _result.Table("svrg").Numbers("gap");
        // Linear rate: every epoch divides the gap by at least 1.5, and the fitted rate is well below 1.
        for (int s = 1; s < gaps.Count; s++) Assert.True(gaps[s] < gaps[s - 1] / 1.5, $"epoch {s}: {gaps[s]:E3} after {gaps[s - 1]:E3}");
        Assert.True(_result.Finding("svrg_rate_per_epoch").Value < 0.6);
    }
}
