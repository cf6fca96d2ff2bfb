using TheoryLab.Numerics.Diffusion;
using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Diffusion;

public class NoiseScheduleTests
{
    private static readonly NoiseSchedule Ho = NoiseSchedule.Linear();

    [Fact]
    public void Linear_RunsFromBetaFirstToBetaLast_AndAlphaBarIsTheProductOfOneMinusBeta()
    {
        Assert.Equal(1000, Ho.Steps);
        Assert.Equal(1e-4, Ho.Beta(1), 15);
        Assert.Equal(0.02, Ho.Beta(1000), 15);
        Assert.Equal(1e-4 + 0.0199 * 499 / 999, Ho.Beta(500), 15);
        Assert.Equal(1, Ho.AlphaBar(0));
        // ᾱ_t as exp Σ log(1 − β_s), summed here apart from the schedule's running product.
        foreach (int t in new[] { 1, 10, 250, 1000 })
            Assert.Equal(Math.Exp(Enumerable.Range(1, t).Sum(s => Math.Log(1 - Ho.Beta(s)))), Ho.AlphaBar(t), 1e-12);
        Assert.InRange(Ho.AlphaBar(1000), 3e-5, 5e-5);   // Ho et al.: x_T is nearly pure noise
    }

    /// <summary>
    /// The chain x_t = √(1 − β_t) x_{t−1} + √β_t z run step by step from a fixed x_0 ends at mean √ᾱ_t x_0 and variance
    /// 1 − ᾱ_t, the closed form of q(x_t | x_0), within four standard errors of 40,000 chains.
    /// </summary>
    [Fact]
    public void StepByStepChain_MatchesTheClosedFormMarginal_InMeanAndVariance()
    {
        const int Chains = 40_000;
        const double Start = 1.5;
        var x = Enumerable.Repeat(Start, Chains).ToArray();
        var normal = new NormalDraws(new Random(7));
        var checkpoints = new[] { 1, 10, 100, 300, 1000 };
        for (int t = 1; t <= Ho.Steps; t++)
        {
            double keep = Math.Sqrt(1 - Ho.Beta(t)), spread = Math.Sqrt(Ho.Beta(t));
            for (int i = 0; i < Chains; i++) x[i] = keep * x[i] + spread * normal.Next();
            if (!checkpoints.Contains(t)) continue;
            double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (Chains - 1);
            double expectedMean = Ho.SignalScale(t) * Start, expectedVariance = 1 - Ho.AlphaBar(t);
            Assert.InRange(mean, expectedMean - 4 * Math.Sqrt(expectedVariance / Chains), expectedMean + 4 * Math.Sqrt(expectedVariance / Chains));
            double varianceError = expectedVariance * Math.Sqrt(2.0 / (Chains - 1));
            Assert.InRange(variance, expectedVariance - 4 * varianceError, expectedVariance + 4 * varianceError);
        }
    }

    /// <summary>
    /// q(x_{t−1} | x_t, x_0) ∝ q(x_t | x_{t−1}) q(x_{t−1} | x_0) by Bayes' rule: its mean and variance by the trapezoid rule
    /// on a fine grid of x_{t−1} agree with μ̃_t and β̃_t.
    /// </summary>
    [Theory]
    [InlineData(2, 0.7, 0.69)]
    [InlineData(10, -1.2, 0.3)]
    [InlineData(500, 0.4, -1.5)]
    [InlineData(1000, 2.0, 0.1)]
    public void PosteriorMeanAndVariance_AgreeWithBayesRuleByQuadrature(int t, double start, double current)
    {
        double likelihoodCentre = current / Math.Sqrt(1 - Ho.Beta(t)), priorCentre = Ho.SignalScale(t - 1) * start;
        double narrowest = Math.Min(Math.Sqrt(Ho.Beta(t) / (1 - Ho.Beta(t))), Math.Sqrt(1 - Ho.AlphaBar(t - 1)));
        double low = Math.Min(likelihoodCentre, priorCentre) - 12 * narrowest, high = Math.Max(likelihoodCentre, priorCentre) + 12 * narrowest;
        const int Points = 400_001;
        double h = (high - low) / (Points - 1);
        var logWeights = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            double y = low + i * h;
            double fromTransition = current - Math.Sqrt(1 - Ho.Beta(t)) * y, fromStart = y - priorCentre;
            logWeights[i] = -fromTransition * fromTransition / (2 * Ho.Beta(t)) - fromStart * fromStart / (2 * (1 - Ho.AlphaBar(t - 1)));
        }
        double largest = logWeights.Max();
        double mass = 0, first = 0, second = 0;
        for (int i = 0; i < Points; i++)
        {
            double y = low + i * h, w = Math.Exp(logWeights[i] - largest) * (i == 0 || i == Points - 1 ? 0.5 : 1);
            mass += w;
            first += w * y;
            second += w * y * y;
        }
        double mean = first / mass, variance = second / mass - mean * mean;
        var (ofStart, ofCurrent) = Ho.PosteriorMeanWeights(t);
        Assert.Equal(mean, ofStart * start + ofCurrent * current, 1e-9);
        Assert.Equal(1, Ho.PosteriorVariance(t) / variance, 1e-6);
    }

    [Fact]
    public void PosteriorVariance_IsZeroAtTheFirstStep_AndBelowBetaAfter()
    {
        Assert.Equal(0, Ho.PosteriorVariance(1));
        foreach (int t in new[] { 2, 100, 1000 }) Assert.InRange(Ho.PosteriorVariance(t), 0, Ho.Beta(t));
    }

    [Fact]
    public void BadSchedules_AreRefusedWithWhatToDo()
    {
        Assert.Throws<TheoryLabException>(() => new NoiseSchedule([0.1, 1.0]));
        Assert.Throws<TheoryLabException>(() => NoiseSchedule.Linear(10, 0.02, 1e-4));
    }
}
