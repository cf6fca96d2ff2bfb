namespace TheoryLab.Numerics.Statistics;

/// <summary>The mean and sample standard deviation of repeated estimates of one quantity.</summary>
/// <param name="Mean">Average of the estimates.</param>
/// <param name="StandardDeviation">Their sample standard deviation (n − 1 in the denominator; 0 for a single estimate).</param>
/// <param name="Count">Number of estimates.</param>
public sealed record Spread(double Mean, double StandardDeviation, int Count)
{
    /// <summary>The standard error of the mean, sd/√n; see <see cref="Moments.StandardError"/> for the same from the values.</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Count);

    /// <summary>The mean and spread of <paramref name="estimates"/> (at least one).</summary>
    public static Spread Of(IReadOnlyList<double> estimates)
    {
        if (estimates.Count == 0) throw new ArgumentException("need at least one estimate", nameof(estimates));
        return new Spread(estimates.Average(), estimates.Count > 1 ? Math.Sqrt(Moments.SampleVariance(estimates)) : 0, estimates.Count);
    }

    public override string ToString() => $"{Mean:G4} ± {StandardDeviation:G2} (n = {Count})";
}
