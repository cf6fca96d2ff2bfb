using TheoryLab.Training.Pinn;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>
/// RAD's density by its formula, its draws against the density by a chi-square test and a Kolmogorov–Smirnov test on a
/// known residual, RAR-D's growth by exactly the number asked, the joint proxy's budget and pool shares, and fixed seeds.
/// </summary>
public class ResidualAdaptiveSamplingTests
{
    [Fact]
    public void Density_IsResidualPowerOverItsMeanPlusC_Normalised()
    {
        // ε = 0, 1, 2, 3, k = 2: mean ε² = 3.5, weights ε²/3.5 + 0.5 = 0.5, 11/14, 1.643, 3.071 summing to 6.
        var p = ResidualAdaptiveSampling.Density([0, -1, 2, 3], exponent: 2, uniformShare: 0.5);
        double[] weights = [0.5, 1 / 3.5 + 0.5, 4 / 3.5 + 0.5, 9 / 3.5 + 0.5];
        for (int i = 0; i < 4; i++) Assert.Equal(weights[i] / weights.Sum(), p[i], 1e-15);
        Assert.All(ResidualAdaptiveSampling.Density([0, 0, 0]), q => Assert.Equal(1 / 3.0, q, 1e-15));
    }

    [Fact]
    public void Draw_FollowsTheDensity_ChiSquare()
    {
        double[] residuals = [0.1, 0.5, 1, 2, 4, 0, 3, 0.2, 1.5, 8];
        var p = ResidualAdaptiveSampling.Density(residuals);
        const int draws = 200_000;
        var counts = new int[residuals.Length];
        foreach (int i in ResidualAdaptiveSampling.Draw(p, draws, new Random(5))) counts[i]++;
        double chiSquare = counts.Select((c, i) => Math.Pow(c - draws * p[i], 2) / (draws * p[i])).Sum();
        // The 0.999 quantile of χ² with 9 degrees of freedom is 27.88.
        Assert.InRange(chiSquare, 0, 27.88);
    }

    [Fact]
    public void Resample_OfALinearResidual_HasTheDensityXPlusOneHalf_KolmogorovSmirnov()
    {
        // ε(x) = x on a fine grid of [0, 1]: ε/E[ε] + 1 = 2x + 1, normalised x + 1/2, whose CDF is (x² + x)/2.
        const int grid = 100_000, draws = 20_000;
        var candidates = new double[grid, 1];
        var residuals = new double[grid];
        for (int i = 0; i < grid; i++) candidates[i, 0] = residuals[i] = (i + 0.5) / grid;
        var points = ResidualAdaptiveSampling.Resample(candidates, residuals, draws, new Random(9));
        var sorted = Enumerable.Range(0, draws).Select(i => points[i, 0]).Order().ToArray();
        double distance = sorted.Select((x, i) => Math.Max(Math.Abs((x * x + x) / 2 - (i + 1.0) / draws), Math.Abs((x * x + x) / 2 - (double)i / draws))).Max();
        // The 0.999 critical value of the KS statistic is 1.95/√n.
        Assert.InRange(distance, 0, 1.95 / Math.Sqrt(draws));
    }

    [Fact]
    public void Refine_GrowsTheSetByExactlyTheNumberAsked_KeepingTheOldPointsFirst()
    {
        var points = new double[,] { { 0.1, 0.2 }, { 0.3, 0.4 } };
        var candidates = new double[,] { { 1, 1 }, { 2, 2 }, { 3, 3 } };
        var grown = ResidualAdaptiveSampling.Refine(points, candidates, [0.5, 1, 2], 7, new Random(1));
        Assert.Equal(9, grown.GetLength(0));
        Assert.Equal(0.1, grown[0, 0]);
        Assert.Equal(0.4, grown[1, 1]);
        for (int p = 2; p < 9; p++) Assert.Contains(grown[p, 0], new[] { 1.0, 2, 3 });
    }

    [Fact]
    public void FixedSeeds_GiveFixedPoints()
    {
        double[] residuals = [.. Enumerable.Range(0, 50).Select(i => Math.Sin(i))];
        Assert.Equal(ResidualAdaptiveSampling.Draw(ResidualAdaptiveSampling.Density(residuals), 30, new Random(4)),
            ResidualAdaptiveSampling.Draw(ResidualAdaptiveSampling.Density(residuals), 30, new Random(4)));
        double[][] scores = [residuals, [1, 2, 3], [0.5, 0.5]];
        Assert.Equal(JointLossSampling.Draw(scores, 20, new Random(8)), JointLossSampling.Draw(scores, 20, new Random(8)));
    }

    [Fact]
    public void JointDraw_SpendsTheBudgetAndSharesItByTheDensityMassOfEachPool()
    {
        // Pool masses under s/mean(s) + 1 over the union of 6 candidates (mean s = 1): 2·(0 + 1) = 2, 2·(1 + 1) = 4, 2·(2 + 1) = 6.
        double[][] scores = [[0, 0], [1, 1], [2, 2]];
        const int budget = 120_000;
        var drawn = JointLossSampling.Draw(scores, budget, new Random(3));
        Assert.Equal(budget, drawn.Sum(pool => pool.Length));
        double[] expected = [2 / 12.0, 4 / 12.0, 6 / 12.0];
        double chiSquare = drawn.Select((pool, k) => Math.Pow(pool.Length - budget * expected[k], 2) / (budget * expected[k])).Sum();
        Assert.InRange(chiSquare, 0, 13.82);   // 0.999 quantile of χ² with 2 degrees of freedom
    }

    [Fact]
    public void JointDraw_LeavesNoPoolEmpty()
    {
        // One pool dwarfs the others' scores; a budget of 3 would often miss the small pools, which then get their best candidate.
        double[][] scores = [[.. Enumerable.Repeat(1e6, 100)], [0, 1e-9, 0], [0]];
        for (int seed = 0; seed < 20; seed++)
        {
            var drawn = JointLossSampling.Draw(scores, 3, new Random(seed), uniformShare: 0);
            Assert.Equal(3, drawn.Sum(pool => pool.Length));
            Assert.All(drawn, pool => Assert.NotEmpty(pool));
            Assert.Equal(1, drawn[1][0]);
        }
    }
}
