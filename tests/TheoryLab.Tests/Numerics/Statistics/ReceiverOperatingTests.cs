using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

/// <summary>The ROC curve's area against the Mann–Whitney count over all pairs, and the threshold against its definition.</summary>
public class ReceiverOperatingTests
{
    [Fact]
    public void Area_IsTheShareOfPairsAPositiveWins_TiesCountingHalf()
    {
        var random = new Random(4);
        // Scores on a coarse grid, so that ties within and across the classes occur, and +∞ for some.
        double Draw(double shift) => random.Next(10) < 1 ? double.PositiveInfinity : Math.Round(random.NextDouble() * 4 + shift);
        var negatives = Enumerable.Range(0, 37).Select(_ => Draw(0)).ToArray();
        var positives = Enumerable.Range(0, 23).Select(_ => Draw(1)).ToArray();
        double wins = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0.0));
        var curve = ReceiverOperating.Curve(negatives, positives);
        Assert.Equal(wins / (negatives.Length * positives.Length), curve.Area, 12);
        Assert.Equal((0.0, 0.0), (curve.FalsePositiveRates[0], curve.TruePositiveRates[0]));
        Assert.Equal((1.0, 1.0), (curve.FalsePositiveRates[^1], curve.TruePositiveRates[^1]));
        for (int i = 1; i < curve.FalsePositiveRates.Length; i++)
            Assert.True(curve.FalsePositiveRates[i] >= curve.FalsePositiveRates[i - 1] && curve.TruePositiveRates[i] >= curve.TruePositiveRates[i - 1]);
    }

    [Fact]
    public void Threshold_FlagsAtMostTheRate_AndNoSmallerThresholdDoes()
    {
        var random = new Random(5);
        var negatives = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        foreach (double rate in new[] { 0.0, 0.05, 0.1, 0.5 })
        {
            double t = ReceiverOperating.Threshold(negatives, rate);
            Assert.True(negatives.Count(s => s > t) <= rate * negatives.Length + 1e-9);
            double below = negatives.Where(s => s < t).DefaultIfEmpty(double.NegativeInfinity).Max();
            Assert.True(negatives.Count(s => s > below) > rate * negatives.Length, $"a smaller threshold also meets the rate {rate}");
        }
    }
}
