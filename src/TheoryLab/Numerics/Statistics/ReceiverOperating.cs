namespace TheoryLab.Numerics.Statistics;

/// <summary>A receiver operating characteristic: the share of negatives and of positives flagged at each threshold, from flagging none to flagging all, and the area under it.</summary>
public sealed record RocCurve(double[] FalsePositiveRates, double[] TruePositiveRates, double Area);

/// <summary>ROC curves of a detector that flags an example when its score exceeds a threshold.</summary>
public static class ReceiverOperating
{
    /// <summary>
    /// The curve over every threshold: one point per distinct score, examples with equal scores flagged together, so a
    /// tie between classes gives a straight segment. The area is the trapezoid sum, which equals the probability that a
    /// random positive scores above a random negative, ties counting half (the Mann–Whitney statistic). Scores may be
    /// +∞ (always flagged).
    /// </summary>
    public static RocCurve Curve(IReadOnlyList<double> negatives, IReadOnlyList<double> positives)
    {
        if (negatives.Count == 0 || positives.Count == 0) throw new TheoryLabException("an ROC curve needs at least one negative and one positive.");
        if (negatives.Concat(positives).Any(double.IsNaN)) throw new TheoryLabException("an ROC curve's scores must not be NaN.");
        var scored = negatives.Select(s => (Score: s, Positive: false)).Concat(positives.Select(s => (Score: s, Positive: true)))
            .OrderByDescending(x => x.Score).ToArray();
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double area = 0;
        int falses = 0, trues = 0;
        for (int i = 0; i < scored.Length;)
        {
            int j = i;
            for (; j < scored.Length && scored[j].Score.Equals(scored[i].Score); j++)
                if (scored[j].Positive) trues++; else falses++;
            double x = (double)falses / negatives.Count, y = (double)trues / positives.Count;
            area += (x - fpr[^1]) * (y + tpr[^1]) / 2;
            fpr.Add(x);
            tpr.Add(y);
            i = j;
        }
        return new RocCurve([.. fpr], [.. tpr], area);
    }

    /// <summary>The smallest threshold t that flags (score &gt; t) at most a share <paramref name="falsePositiveRate"/> of the negatives.</summary>
    public static double Threshold(IReadOnlyList<double> negatives, double falsePositiveRate)
    {
        var sorted = negatives.OrderByDescending(s => s).ToArray();
        int allowed = (int)Math.Floor(falsePositiveRate * sorted.Length + 1e-9);
        return allowed >= sorted.Length ? double.NegativeInfinity : sorted[allowed];
    }
}
