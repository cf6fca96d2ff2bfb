namespace TheoryLab.Numerics.Statistics;

/// <summary>
/// The kernel two-sample statistic of Gretton et al. (2012) with the Gaussian kernel k(a, b) = exp(−‖a − b‖²/(2h²)):
/// MMD² = E k(X, X') + E k(Y, Y') − 2 E k(X, Y), zero exactly when the two distributions agree (the Gaussian kernel is
/// characteristic). Samples are rows of <c>dimension</c> numbers, one after the other.
/// </summary>
public static class MaximumMeanDiscrepancy
{
    /// <summary>
    /// The unbiased estimate (Gretton et al.'s MMD²_u, eq. 3): the within-sample means leave out i = j, so its expectation
    /// is MMD² exactly and it can fall below 0 when the distributions agree.
    /// </summary>
    public static double UnbiasedSquared(double[] x, double[] y, int dimension, double bandwidth)
    {
        if (!(bandwidth > 0)) throw new TheoryLabException($"kernel bandwidth {bandwidth}; give h > 0.");
        if (dimension < 1 || x.Length % dimension != 0 || y.Length % dimension != 0)
            throw new TheoryLabException($"samples of {x.Length} and {y.Length} numbers are not rows of {dimension}.");
        int m = x.Length / dimension, n = y.Length / dimension;
        if (m < 2 || n < 2) throw new TheoryLabException($"samples of {m} and {n} points; the unbiased estimate needs at least 2 in each.");
        double gamma = 1 / (2 * bandwidth * bandwidth);
        double within = KernelSum(x, x, dimension, gamma, true) / ((double)m * (m - 1))
            + KernelSum(y, y, dimension, gamma, true) / ((double)n * (n - 1));
        return within - 2 * KernelSum(x, y, dimension, gamma, false) / ((double)m * n);
    }

    /// <summary>The median of the distances between distinct points of the sample, the usual bandwidth when no scale is given.</summary>
    public static double MedianDistance(double[] x, int dimension)
    {
        int m = x.Length / dimension;
        var distances = new List<double>(m * (m - 1) / 2);
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++) distances.Add(Math.Sqrt(SquaredDistance(x, i, x, j, dimension)));
        if (distances.Count == 0) throw new TheoryLabException("the median distance needs at least two points.");
        distances.Sort();
        int middle = distances.Count / 2;
        return distances.Count % 2 == 1 ? distances[middle] : (distances[middle - 1] + distances[middle]) / 2;
    }

    /// <summary>Σ k(a_i, b_j) over all pairs, or over i ≠ j of one sample when <paramref name="distinct"/> (by symmetry, twice the upper triangle).</summary>
    private static double KernelSum(double[] a, double[] b, int dimension, double gamma, bool distinct)
    {
        int m = a.Length / dimension, n = b.Length / dimension;
        var rows = new double[m];
        Parallel.For(0, m, i =>
        {
            double sum = 0;
            for (int j = distinct ? i + 1 : 0; j < n; j++) sum += Math.Exp(-gamma * SquaredDistance(a, i, b, j, dimension));
            rows[i] = distinct ? 2 * sum : sum;
        });
        return rows.Sum();
    }

    private static double SquaredDistance(double[] a, int i, double[] b, int j, int dimension)
    {
        double sum = 0;
        for (int k = 0; k < dimension; k++)
        {
            double difference = a[i * dimension + k] - b[j * dimension + k];
            sum += difference * difference;
        }
        return sum;
    }
}
