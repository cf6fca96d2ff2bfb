using TheoryLab.Data;
using TheoryLab.Data.Mnist1D;

namespace TheoryLab.Tests.Data.Mnist1D;

/// <summary>
/// Summary statistics of an MNIST-1D dataset (both splits together), each a vector, and the distance used to
/// compare two datasets: the root-mean-square difference of the vectors.
/// </summary>
public static class Mnist1DStatistics
{
    public static readonly double[] ValueQuantiles = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
    public static readonly double[] RangeQuantiles = [0.1, 0.25, 0.5, 0.75, 0.9];

    /// <summary>Named statistics: per-class mean and standard deviation at each position, quantiles of all values, quantiles of each example's peak-to-peak range, and the standard deviation before normalisation.</summary>
    public static IReadOnlyList<(string Name, Func<Mnist1DData, double[]> Compute)> All { get; } =
    [
        ("per-class mean at each position", ClassMeans),
        ("per-class standard deviation at each position", ClassStds),
        ("quantiles of all values", d => Quantiles([.. Pooled(d).Inputs.Select(v => (double)v)], ValueQuantiles)),
        ("quantiles of peak-to-peak ranges", d => Quantiles(PeakToPeak(d), RangeQuantiles)),
        ("standard deviation before normalisation", d => [RawStd(d)]),
    ];

    public static LabeledData Pooled(Mnist1DData d) =>
        new("all", [.. d.Splits.Train.Inputs, .. d.Splits.Test.Inputs], [.. d.Splits.Train.Labels, .. d.Splits.Test.Labels], d.Splits.Train.ExampleShape, 10);

    /// <summary>
    /// The positions are the template coordinates (−5/6 … 5/6) divided by the raw data's standard deviation,
    /// so the last one recovers that standard deviation: a check on the overall amplitude independent of normalisation.
    /// </summary>
    public static double RawStd(Mnist1DData d) => 5.0 / 6 / d.Positions[^1];

    public static double[] ClassMeans(Mnist1DData d) => ClassMoments(d).Means;

    public static double[] ClassStds(Mnist1DData d) => ClassMoments(d).Stds;

    public static double[] PeakToPeak(Mnist1DData d)
    {
        var all = Pooled(d);
        int length = all.ExampleSize;
        return [.. Enumerable.Range(0, all.Count).Select(n =>
        {
            var row = all.Inputs.AsSpan(n * length, length);
            float min = float.MaxValue, max = float.MinValue;
            foreach (float v in row) { min = Math.Min(min, v); max = Math.Max(max, v); }
            return (double)(max - min);
        })];
    }

    public static double[] Quantiles(double[] values, double[] levels)
    {
        var sorted = values.Order().ToArray();
        return [.. levels.Select(q => sorted[(int)(q * (sorted.Length - 1))])];
    }

    public static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Average());

    private static (double[] Means, double[] Stds) ClassMoments(Mnist1DData d)
    {
        var all = Pooled(d);
        int length = all.ExampleSize;
        var sum = new double[10 * length];
        var square = new double[10 * length];
        var count = new int[10];
        for (int n = 0; n < all.Count; n++)
        {
            int c = all.Labels[n];
            count[c]++;
            for (int j = 0; j < length; j++)
            {
                double v = all.Inputs[n * length + j];
                sum[c * length + j] += v;
                square[c * length + j] += v * v;
            }
        }
        var means = new double[sum.Length];
        var stds = new double[sum.Length];
        for (int i = 0; i < sum.Length; i++)
        {
            int n = count[i / length];
            means[i] = sum[i] / n;
            stds[i] = Math.Sqrt(Math.Max(0, square[i] / n - means[i] * means[i]));
        }
        return (means, stds);
    }
}
