namespace TheoryLab.Numerics.Statistics;

/// <summary>
/// Variances and standard errors, defined once. Two variances, for two questions: <see cref="SampleVariance"/> (n − 1)
/// estimates the variance of the population a few draws came from; <see cref="VarianceOfValues"/> (n) is the variance of
/// a distribution given by all its values, such as an empirical spectrum.
/// </summary>
public static class Moments
{
    /// <summary>Σ(x − x̄)²/(n − 1); NaN for fewer than two values, whose spread says nothing.</summary>
    public static double SampleVariance(IReadOnlyList<double> values) =>
        values.Count < 2 ? double.NaN : SquaredDeviations(values) / (values.Count - 1);

    /// <summary>Σ(x − x̄)²/n, the second central moment of the values themselves (at least one).</summary>
    public static double VarianceOfValues(IReadOnlyList<double> values) =>
        values.Count == 0 ? throw new ArgumentException("need at least one value", nameof(values)) : SquaredDeviations(values) / values.Count;

    /// <summary>
    /// The standard error of the mean, √(s²/n); NaN for fewer than two values, which figures draw without an error bar
    /// rather than with a bar of 0 that would claim a certainty one draw cannot give.
    /// </summary>
    public static double StandardError(IReadOnlyList<double> values) => Math.Sqrt(SampleVariance(values) / values.Count);

    private static double SquaredDeviations(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return values.Sum(x => (x - mean) * (x - mean));
    }
}
