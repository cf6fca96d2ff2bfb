namespace TheoryLab.Numerics.IntrinsicDimension;

/// <summary>
/// The Levina–Bickel estimate (per-point estimates averaged, as in the paper), the pooled estimate of MacKay &amp;
/// Ghahramani (per-point inverse estimates averaged, then inverted), and both at each neighbourhood size k.
/// </summary>
public sealed record LevinaBickelEstimate(double Dimension, double PooledDimension, IReadOnlyList<int> Ks, IReadOnlyList<double> PerK, IReadOnlyList<double> PooledPerK);

/// <summary>
/// Levina &amp; Bickel (2004): treating the neighbours of a point as a Poisson process whose rate grows like
/// r^{m−1}, the maximum-likelihood dimension from the k nearest distances T₁ ≤ … ≤ T_k is
/// m̂_k(x) = [ (1/(k−1)) Σ_{j&lt;k} log(T_k/T_j) ]^{−1}. The estimate averages m̂_k(x) over the points, then over
/// k = k₁..k₂ (the paper uses 10..20). Since E[1/m̂_k(x)] = 1/m for a Poisson process, averaging m̂_k(x) itself
/// overestimates m by about (k − 1)/(k − 2) (Jensen); MacKay &amp; Ghahramani's pooled estimate averages the inverses
/// first and has no such bias.
/// </summary>
public static class LevinaBickel
{
    /// <param name="nearest">Row i: distances from point i to its nearest neighbours, ascending, itself excluded; at least k₂ columns.</param>
    public static LevinaBickelEstimate Estimate(double[,] nearest, int k1, int k2)
    {
        if (k1 < 2 || k2 < k1) throw new ArgumentException($"need 2 ≤ k₁ ≤ k₂; got k₁ = {k1}, k₂ = {k2}");
        if (nearest.GetLength(1) < k2) throw new ArgumentException($"k₂ = {k2} needs {k2} neighbours per point; the table has {nearest.GetLength(1)}", nameof(nearest));
        int n = nearest.GetLength(0);
        var ks = Enumerable.Range(k1, k2 - k1 + 1).ToArray();
        var perK = new double[ks.Length];
        var pooled = new double[ks.Length];
        for (int c = 0; c < ks.Length; c++)
        {
            int k = ks[c];
            double total = 0, inverses = 0;
            int used = 0;
            for (int i = 0; i < n; i++)
            {
                double logTk = Math.Log(nearest[i, k - 1]), sum = 0;
                for (int j = 0; j < k - 1; j++) sum += logTk - Math.Log(nearest[i, j]);
                // Duplicate points give T_j = 0 and an infinite log: such a point says nothing about dimension.
                if (sum > 0 && double.IsFinite(sum))
                {
                    total += (k - 1) / sum;
                    inverses += sum / (k - 1);
                    used++;
                }
            }
            perK[c] = total / used;
            pooled[c] = used / inverses;
        }
        return new LevinaBickelEstimate(perK.Average(), pooled.Average(), ks, perK, pooled);
    }
}
