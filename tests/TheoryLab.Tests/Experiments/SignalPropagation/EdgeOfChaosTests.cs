using TheoryLab.Experiments;
using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

[Collection(QuickRunsCollection.Name)]
public class EdgeOfChaosTests(QuickRuns runs)
{
    private readonly QuickRun run = runs["edge-of-chaos"];
    private static readonly EdgeOfChaos Experiment = new();

    [Fact]
    public void UnknownActivation_IsRefusedWithTheChoices()
    {
        var experiment = ExperimentRegistry.Default.Get("edge-of-chaos");
        var error = Assert.Throws<TheoryLabException>(() => experiment.Schema.Bind(experiment.DefaultOptions, [KeyValuePair.Create("activation", "sigmoid")]));
        Assert.Contains("hard-tanh", error.Message);
    }

    [Theory]
    [InlineData("q_star", 0.05)]
    [InlineData("c_star", 0.10)]
    [InlineData("chi1", 0.02)]
    public void Quick_MonteCarloEstimates_AgreeWithTheoryWithinFourStandardErrors(string finding, double largestRelativeError)
    {
        // Standard errors are across the independent networks. Sampling at width N = 1000 bounds how large they can
        // be: q̂ fluctuates by about √(2/N) ≈ 4.5 % per network, a pair's correlation near c* by (1 − c*²)/√(N(1 − χ_c²))
        // ≈ 6 % of c* (averaged over 16 pairs), χ̂₁ by a fraction of a per cent once averaged over layers.
        var table = run.Result.Table("monte-carlo-estimates");
        int row = table.Texts("finding").ToList().IndexOf(finding);
        double measured = table.Numbers("monte_carlo")[row], error = table.Numbers("standard_error")[row], theory = table.Numbers("theory")[row];
        Assert.True(error > 0 && error < largestRelativeError * theory, $"{finding}: standard error {error} against theory {theory}");
        Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{finding}: Monte Carlo {measured} ± {error}, theory {theory}");
        Assert.Equal(measured, run.Result.Finding(finding).Value);
    }

    [Fact]
    public void Quick_CStar_IsThePaperRegimeValue()
    {
        var table = run.Result.Table("monte-carlo-estimates");
        Assert.Equal(0.4468, table.Numbers("fixed_point")[table.Texts("finding").ToList().IndexOf("c_star")], 3);
    }

    [Fact]
    public void AtDepthFarBelowXiC_CStarIsComparedWithTheTransientOfTheIteratedMap_NotTheFixedPoint()
    {
        // σ_b² = 0.3 puts σ_w² = 2.5 just inside the ordered phase: c* = 1, but ξ_c ≈ 930 layers, so at 30 layers the pairs
        // started at 0.5 are still on their way. The iterated map predicts where they are; the fixed point does not.
        var result = Experiment.Run(Experiment.Quick with { SigmaB2 = 0.3 }, new RunContext { Seed = 0 });
        var table = result.Table("monte-carlo-estimates");
        int row = table.Texts("finding").ToList().IndexOf("c_star");
        double measured = table.Numbers("monte_carlo")[row], error = table.Numbers("standard_error")[row];
        var cStar = result.Finding("c_star");
        Assert.Equal(1, table.Numbers("fixed_point")[row]);
        Assert.Equal(cStar.Expected, table.Numbers("theory")[row]);
        Assert.True(Math.Abs(measured - cStar.Expected!.Value) <= 4 * error, $"Monte Carlo {measured} ± {error}, iterated map {cStar.Expected}");
        Assert.True(1 - measured > 10 * error, $"Monte Carlo {measured} ± {error} should be far from the fixed point 1 at this depth");
        Assert.Contains("transient", cStar.Meaning);
    }

    [Fact]
    public void Quick_DepthScales_MatchTheFiniteDifferenceSlopesOfTheMaps()
    {
        Assert.InRange(run.Result.Finding("xi_c").RelativeDeviation!.Value, 0, 1e-5);
        Assert.InRange(run.Result.Finding("xi_q").RelativeDeviation!.Value, 0, 1e-5);
    }

    [Fact]
    public void Quick_CriticalSigmaW2_MatchesWhereMeasuredChi1CrossesOne()
    {
        // The Monte-Carlo crossing errs by linear interpolation between points 0.56 apart in σ_w² (found by interpolating
        // the theory's χ₁ at the same points) and by the points' own sampling error, divided by the slope of χ₁.
        var critical = run.Result.Finding("critical_sigma_w2");
        Assert.Equal(1.76095, critical.Value, 4);
        var mc = run.Result.Table("chi1-mc");
        var sweep = run.Result.Table("sweep");
        var w = mc.Numbers("sigma_w2");
        int i = Enumerable.Range(0, w.Count - 1).First(j => w[j] <= critical.Value && critical.Value <= w[j + 1]);
        double TheoryAt(double x) => Interpolate(sweep.Numbers("sigma_w2"), sweep.Numbers("chi1"), x);
        double theoryLow = TheoryAt(w[i]), theoryHigh = TheoryAt(w[i + 1]);
        double interpolated = w[i] + (1 - theoryLow) * (w[i + 1] - w[i]) / (theoryHigh - theoryLow);
        double slope = (theoryHigh - theoryLow) / (w[i + 1] - w[i]);
        double sampling = Math.Max(mc.Numbers("chi1_mc_se")[i], mc.Numbers("chi1_mc_se")[i + 1]) / slope;
        double tolerance = Math.Abs(interpolated - critical.Value) + 4 * sampling;
        Assert.True(Math.Abs(critical.Expected!.Value - critical.Value) <= tolerance,
            $"crossing {critical.Expected} vs {critical.Value}: interpolation error {interpolated - critical.Value}, sampling {sampling}");
        Assert.True(tolerance < 0.1 * critical.Value);
    }

    private static double Interpolate(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double x)
    {
        int j = Enumerable.Range(0, xs.Count - 1).First(k => xs[k] <= x && x <= xs[k + 1]);
        return ys[j] + (ys[j + 1] - ys[j]) * (x - xs[j]) / (xs[j + 1] - xs[j]);
    }

    [Fact]
    public void Quick_PhaseDiagram_SeparatesChi1BelowAndAboveOneAtTheCriticalLine()
    {
        var phase = run.Result.Table("phase-diagram");
        var line = run.Result.Table("critical-line");
        var w = phase.Numbers("sigma_w2");
        var b = phase.Numbers("sigma_b2");
        var chi = phase.Numbers("chi1");
        var lineB = line.Numbers("sigma_b2");
        var lineW = line.Numbers("sigma_w2_critical");
        int checkedCells = 0;
        for (int i = 0; i < chi.Count; i++)
        {
            int nearest = Enumerable.Range(0, lineB.Count).MinBy(j => Math.Abs(lineB[j] - b[i]));
            if (Math.Abs(lineB[nearest] - b[i]) > 1e-12) continue;
            double critical = lineW[nearest];
            if (Math.Abs(w[i] - critical) < 0.05) continue;
            Assert.True(w[i] < critical ? chi[i] < 1 : chi[i] > 1, $"σ_w² = {w[i]}, σ_b² = {b[i]}: χ₁ = {chi[i]}, critical σ_w² = {critical}");
            checkedCells++;
        }
        Assert.True(checkedCells > 20, $"only {checkedCells} cells shared a σ_b² with the critical line");
        Assert.Equal(1.0, lineW[0], 7);
    }
}

public class EdgeOfChaosReproductionTests
{
    [Fact]
    [Trait("Category", "Reproduction")]
    public void Defaults_ReproduceTheMeanFieldPredictionsOnWidth1000Networks()
    {
        var experiment = new EdgeOfChaos();
        var result = experiment.Run(experiment.Defaults, new RunContext { Seed = 0 });
        var table = result.Table("monte-carlo-estimates");
        for (int row = 0; row < table.RowCount; row++)
        {
            double measured = table.Numbers("monte_carlo")[row], error = table.Numbers("standard_error")[row], theory = table.Numbers("theory")[row];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{table.Texts("finding")[row]}: Monte Carlo {measured} ± {error}, theory {theory}");
        }
        Assert.InRange(result.Finding("critical_sigma_w2").RelativeDeviation!.Value, 0, 0.03);
    }
}
