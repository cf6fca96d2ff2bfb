namespace TheoryLab.Numerics;

/// <summary>
/// Latin hypercube samples (McKay, Beckman and Conover 1979): n points in a box whose every coordinate takes exactly
/// one value in each of the n equal strata of its range, at a uniform place inside the stratum, with the strata of the
/// coordinates paired by independent random permutations. Raissi et al. draw their collocation points so.
/// </summary>
public static class LatinHypercube
{
    /// <summary>n points in the box [lower_d, upper_d], row p holding point p's coordinates.</summary>
    public static double[,] Sample(int n, IReadOnlyList<double> lower, IReadOnlyList<double> upper, Random random)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "draw at least one point");
        if (lower.Count != upper.Count || lower.Count == 0) throw new ArgumentException("the box needs as many lower as upper bounds, at least one of each");
        var points = new double[n, lower.Count];
        for (int d = 0; d < lower.Count; d++)
        {
            int[] strata = [.. Enumerable.Range(0, n)];
            random.Shuffle(strata);
            double width = (upper[d] - lower[d]) / n;
            for (int p = 0; p < n; p++) points[p, d] = lower[d] + (strata[p] + random.NextDouble()) * width;
        }
        return points;
    }
}
