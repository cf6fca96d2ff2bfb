using TheoryLab.Numerics.Fits;
namespace TheoryLab.Numerics.IntrinsicDimension;

/// <summary>The Hein–Audibert estimate: the chosen dimension and, for each candidate l, the slope of log U against log h.</summary>
public sealed record HeinAudibertEstimate(int Dimension, IReadOnlyList<double> Slopes, double[,] Bandwidths);

/// <summary>
/// Hein &amp; Audibert (2005): for points on an m-dimensional submanifold the U-statistic
/// U_{n,h} = (2/n(n−1)) Σ_{i&lt;j} k(‖X_i − X_j‖²/h²) / h^l with k(x) = (1 − x)₊ tends to a constant (an integral of
/// the squared density) as h → 0 exactly when l = m; for l ≠ m it scales like h^{m−l}. For each candidate l the
/// bandwidth follows the sample-size rule h_l(n) = h(N)[(N/n)(log n/log N)]^{1/l} at n = N/r, r = 1..5, with
/// h(N) the mean nearest-neighbour distance; the estimate is the l whose log U is flattest in log h.
/// Here every U is evaluated on all pairs of the N points at the subsample bandwidths: it has the same
/// expectation as the subsample statistic and a smaller variance.
/// </summary>
public static class HeinAudibert
{
    /// <summary>Subsample sizes N/r, r = 1..Scales, as in the paper.</summary>
    public const int Scales = 5;

    /// <summary>h_l(N/r) for l = 1..<paramref name="maxDimension"/> (rows) and r = 1..5 (columns).</summary>
    public static double[,] Bandwidths(double meanNearest, int count, int maxDimension)
    {
        var h = new double[maxDimension, Scales];
        for (int l = 1; l <= maxDimension; l++)
            for (int r = 1; r <= Scales; r++)
            {
                double n = Math.Floor((double)count / r);
                h[l - 1, r - 1] = meanNearest * Math.Pow(count / n * (Math.Log(n) / Math.Log(count)), 1.0 / l);
            }
        return h;
    }

    /// <param name="meanNearest">Mean distance from a point to its nearest neighbour.</param>
    /// <param name="count">Number of points N.</param>
    /// <param name="maxDimension">Largest candidate dimension.</param>
    /// <param name="pairsBelow">For squared radii t (ascending), the number of pairs i &lt; j with d² &lt; t and the sum of those d².</param>
    public static HeinAudibertEstimate Estimate(double meanNearest, int count, int maxDimension, Func<double[], (long[] Counts, double[] SquaredSums)> pairsBelow)
    {
        if (count < 2 * Scales) throw new ArgumentException($"the estimator needs at least {2 * Scales} points; got {count}", nameof(count));
        var h = Bandwidths(meanNearest, count, maxDimension);
        var radii = h.Cast<double>().Select(v => v * v).Distinct().Order().ToArray();
        var (counts, sums) = pairsBelow(radii);
        double pairs = count * (count - 1.0) / 2;
        var slopes = new double[maxDimension];
        for (int l = 1; l <= maxDimension; l++)
        {
            var logH = new double[Scales];
            var logU = new double[Scales];
            for (int r = 0; r < Scales; r++)
            {
                double hh = h[l - 1, r] * h[l - 1, r];
                int at = Array.BinarySearch(radii, hh);
                double kernelSum = counts[at] - sums[at] / hh;
                logH[r] = Math.Log(h[l - 1, r]);
                logU[r] = Math.Log(kernelSum / pairs) - l * logH[r];
            }
            double slope = LeastSquaresLine.Fit(logH, logU).Slope;
            // An infinite log-count (an empty scale) gives no slope rather than an infinite one.
            slopes[l - 1] = double.IsFinite(slope) ? slope : double.NaN;
        }
        int best = 0;
        for (int l = 1; l < maxDimension; l++)
            if (Math.Abs(slopes[l]) < Math.Abs(slopes[best]) || double.IsNaN(slopes[best])) best = l;
        return new HeinAudibertEstimate(best + 1, slopes, h);
    }
}
