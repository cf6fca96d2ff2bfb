using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

public class ImportanceWeightedBoundTests
{
    [Fact]
    public void OneSample_IsTheMeanLogWeight_AndAllSamples_AreTheLogOfTheMeanWeight()
    {
        double[] logWeights = [Math.Log(1), Math.Log(3), Math.Log(2), Math.Log(6)];
        Assert.Equal(logWeights.Average(), ImportanceWeightedBound.Estimate(logWeights, 1), 14);
        Assert.Equal(Math.Log(3), ImportanceWeightedBound.Estimate(logWeights, 4), 14);
        // Two groups of two: log 2 and log 4.
        Assert.Equal((Math.Log(2) + Math.Log(4)) / 2, ImportanceWeightedBound.Estimate(logWeights, 2), 14);
    }

    [Fact]
    public void HugeAndTinyWeights_GiveFiniteExactValues()
    {
        Assert.Equal(1000 + Math.Log(1.5), ImportanceWeightedBound.Estimate([1000, 1000 + Math.Log(2)], 2), 10);
        Assert.Equal(-1000 + Math.Log(1.5), ImportanceWeightedBound.Estimate([-1000, -1000 + Math.Log(2)], 2), 10);
    }

    /// <summary>
    /// Log-normal weights, log w ~ N(μ, s²): E[log w] = μ = L_1 and log E[w] = μ + s²/2 = log p(x), the limit of L_K.
    /// From the same 2,000,000 draws L_K climbs from μ to within its Monte Carlo error of μ + s²/2 (at K = 10,000 the
    /// 200 groups leave a standard error of about 4·10⁻⁴, the bias is (e^{s²} − 1)/(2K) ≈ 1.4·10⁻⁵).
    /// </summary>
    [Fact]
    public void LogNormalWeights_BoundRisesFromTheMeanLogWeightToTheLogOfTheMeanWeight()
    {
        const double mu = -3, s = 0.5;
        var random = new Random(11);
        var logWeights = Enumerable.Range(0, 2_000_000).Select(_ => mu + s * StandardNormal.Next(random)).ToArray();
        double limit = mu + s * s / 2;
        int[] ks = [1, 10, 100, 10_000];
        var bounds = ks.Select(k => ImportanceWeightedBound.Estimate(logWeights, k)).ToArray();
        Assert.Equal(mu, bounds[0], 2);
        for (int i = 1; i < ks.Length; i++) Assert.True(bounds[i] > bounds[i - 1], $"L_{ks[i]} = {bounds[i]} ≤ L_{ks[i - 1]} = {bounds[i - 1]}");
        Assert.True(Math.Abs(limit - bounds[^1]) < 1.2e-3, $"L_10000 = {bounds[^1]} against log E[w] = {limit}");
        // The delta method's rate: log p − L_K ≈ Var(w)/(2K E[w]²) = (e^{s²} − 1)/(2K), to within the O(1/K²) terms (about 5 % at K = 10).
        double delta = (Math.Exp(s * s) - 1) / 20;
        Assert.True(Math.Abs(limit - bounds[1] - delta) < 0.15 * delta, $"log p − L_10 = {limit - bounds[1]} against {delta}");
    }
}
