namespace TheoryLab.Numerics.IntrinsicDimension;

/// <summary>
/// Exact nearest-neighbour distances and pair counts by direct O(n²D) computation in double precision: the
/// reference the libtorch neighbour search is tested against, and fast enough for a few thousand points.
/// </summary>
public static class PairwiseDistances
{
    /// <summary>Row i: the distances from point i to its <paramref name="k"/> nearest other points, ascending.</summary>
    public static double[,] Nearest(IReadOnlyList<double[]> points, int k)
    {
        int n = points.Count;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"need 1 ≤ k < n = {n}");
        var nearest = new double[n, k];
        var squared = new double[n - 1];
        for (int i = 0; i < n; i++)
        {
            int c = 0;
            for (int j = 0; j < n; j++)
                if (j != i) squared[c++] = SquaredDistance(points[i], points[j]);
            Array.Sort(squared);
            for (int j = 0; j < k; j++) nearest[i, j] = Math.Sqrt(squared[j]);
        }
        return nearest;
    }

    /// <summary>For each squared radius t (ascending): the number of pairs i &lt; j with d² &lt; t and the sum of those d².</summary>
    public static (long[] Counts, double[] SquaredSums) PairsBelow(IReadOnlyList<double[]> points, double[] radiiSquared)
    {
        var counts = new long[radiiSquared.Length];
        var sums = new double[radiiSquared.Length];
        for (int i = 0; i < points.Count; i++)
            for (int j = i + 1; j < points.Count; j++)
            {
                double d2 = SquaredDistance(points[i], points[j]);
                for (int t = 0; t < radiiSquared.Length; t++)
                    if (d2 < radiiSquared[t])
                    {
                        counts[t]++;
                        sums[t] += d2;
                    }
            }
        return (counts, sums);
    }

    public static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (int d = 0; d < a.Length; d++)
        {
            double diff = a[d] - b[d];
            s += diff * diff;
        }
        return s;
    }
}
