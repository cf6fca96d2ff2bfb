using TheoryLab.Experiments.Optimization;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Optimization;

/// <summary>
/// The quick options on ℓ2-regularised logistic regression (300 MNIST-1D sequences, λ = 0.1, so that the relaxation
/// time 1/(αμ*) keeps the run to seconds), shared by the tests that read it.
/// </summary>
public sealed class QuickLogisticSgdNoiseFloorRun
{
    public SgdNoiseFloor Experiment { get; } = new();
    public ExperimentResult Result { get; }

    public QuickLogisticSgdNoiseFloorRun() => Result = Experiment.Run(Experiment.Quick with { Problem = "logistic", Samples = 300, Ridge = 0.1 }, RunContext.Default);
}

/// <summary>The defaults on both problems (least squares; logistic regression on 1,000 MNIST-1D sequences, λ = 0.01).</summary>
public sealed class DefaultSgdNoiseFloorRuns
{
    public SgdNoiseFloor Experiment { get; } = new();
    public ExperimentResult LeastSquares { get; }
    public ExperimentResult Logistic { get; }

    public DefaultSgdNoiseFloorRuns()
    {
        LeastSquares = Experiment.Run(Experiment.Defaults, RunContext.Default);
        Logistic = Experiment.Run(Experiment.Defaults with { Problem = "logistic" }, RunContext.Default);
    }
}

[Collection(QuickRunsCollection.Name)]
public class SgdNoiseFloorTests(QuickRuns runs) : NoiseFloorChecks(runs["sgd-noise-floor"].Result);

public class LogisticSgdNoiseFloorTests(QuickLogisticSgdNoiseFloorRun quick) : NoiseFloorChecks(quick.Result), IClassFixture<QuickLogisticSgdNoiseFloorRun>
{
    [Fact]
    public void Quick_Newton_FindsTheMinimizer_ToMachinePrecision()
    {
        // ∇F is a mean of 300 terms of size about 1: rounding leaves about 10⁻¹⁶; 10⁻¹³ still means F* is exact to ~10⁻²⁶.
        Assert.True(Result.Finding("gradient_norm_at_minimizer").Value < 1e-13);
        // c = λ is a valid but loose constant: the curvature at x* is at least λ.
        Assert.True(Result.Finding("curvature_at_minimizer").Value >= 0.1);
    }
}

[Trait("Category", "Reproduction")]
public class SgdNoiseFloorReproductionTests(DefaultSgdNoiseFloorRuns runs) : IClassFixture<DefaultSgdNoiseFloorRuns>
{
    [Fact]
    public void Defaults_PlateauGrowsInProportionToTheStep_AtTheSmallStepStationaryGap_OnBothProblems()
    {
        foreach (var (name, result) in new[] { ("least squares", runs.LeastSquares), ("logistic", runs.Logistic) })
        {
            double slope = result.Finding("plateau_slope").Value, ratio = result.Finding("plateau_over_small_alpha_theory").Value;
            Assert.True(Math.Abs(slope - 1) < 0.15, $"{name}: plateau slope {slope:F3}");
            Assert.True(ratio is > 0.8 and < 1.25, $"{name}: plateau / (αM/4) = {ratio:F3}");
            Assert.True(result.Finding("plateau_over_bound_max").Value < 1, $"{name}: a plateau above the Bottou–Curtis–Nocedal bound");
        }
    }

    [Fact]
    public void Defaults_DiminishingStepsCloseTheGapAtRate1OverK_AndSvrgConvergesLinearly_OnBothProblems()
    {
        foreach (var (name, result) in new[] { ("least squares", runs.LeastSquares), ("logistic", runs.Logistic) })
        {
            double slope = result.Finding("diminishing_slope").Value;
            Assert.True(Math.Abs(slope + 1) < 0.25, $"{name}: diminishing-step slope {slope:F3}, O(1/k) predicts −1");
            // A linear rate: the gap falls in every epoch, and by a fixed factor below 1 per epoch overall. How small the
            // factor is depends on the conditioning (the logistic problem at λ = 0.01 is the worse conditioned).
            var gaps = result.Table("svrg").Numbers("gap");
            for (int s = 1; s < gaps.Count; s++) Assert.True(gaps[s] < gaps[s - 1], $"{name}, SVRG epoch {s}: {gaps[s]:E3} after {gaps[s - 1]:E3}");
            double rate = result.Finding("svrg_rate_per_epoch").Value;
            Assert.True(rate < 0.8, $"{name}: SVRG rate per epoch {rate:F3}");
        }
    }
}

/// <summary>The noise-floor facts, checked on each problem's quick run.</summary>
public abstract class NoiseFloorChecks(ExperimentResult result)
{
    protected ExperimentResult Result { get; } = result;

    [Fact]
    public void Quick_Plateau_GrowsWithTheStep_InProportion()
    {
        var plateaus = Result.Table("plateau-vs-alpha").Numbers("plateau");
        for (int i = 1; i < plateaus.Count; i++) Assert.True(plateaus[i] > plateaus[i - 1], $"plateau {i} ({plateaus[i]:E3}) not above plateau {i - 1} ({plateaus[i - 1]:E3})");
        // Steps double from one run to the next; a slope within 0.15 of 1 excludes α^0.5 and α².
        double slope = Result.Finding("plateau_slope").Value;
        Assert.True(Math.Abs(slope - 1) < 0.15, $"plateau slope {slope:F3}");
    }

    [Fact]
    public void Quick_Plateau_MatchesTheSmallStepStationaryGap_AndStaysBelowTheBound()
    {
        // αM/4 is the small-α limit (of the local quadratic, for logistic regression); at α = 1/(16 L_max) the
        // multiplicative noise (and, for logistic regression, the cubic terms) add a few per cent, and a time average
        // over a few relaxation times fluctuates by about as much: 25 % separates it from the bound, 20–50× higher.
        double ratio = Result.Finding("plateau_over_small_alpha_theory").Value;
        Assert.True(ratio is > 0.8 and < 1.25, $"plateau / (αM/4) = {ratio:F3}");
        Assert.True(Result.Finding("plateau_over_bound_max").Value < 1);
    }

    [Fact]
    public void Quick_DiminishingStepAndGrowingBatch_CloseTheGap()
    {
        var curves = Result.Table("gap-vs-iterations");
        double plateauOfLargestStep = Result.Table("plateau-vs-alpha").Numbers("plateau")[^1];
        Assert.True(curves.Numbers("gap_growing_batch")[^1] < 1e-3 * plateauOfLargestStep);
        double slope = Result.Finding("diminishing_slope").Value;
        Assert.True(Math.Abs(slope + 1) < 0.25, $"diminishing-step slope {slope:F3}, O(1/k) predicts −1");
    }

    [Fact]
    public void Quick_Svrg_ConvergesLinearly()
    {
        var gaps = Result.Table("svrg").Numbers("gap");
        // Linear rate: every epoch divides the gap by at least 1.5, and the fitted rate is well below 1.
        for (int s = 1; s < gaps.Count; s++) Assert.True(gaps[s] < gaps[s - 1] / 1.5, $"epoch {s}: {gaps[s]:E3} after {gaps[s - 1]:E3}");
        Assert.True(Result.Finding("svrg_rate_per_epoch").Value < 0.6);
    }
}
