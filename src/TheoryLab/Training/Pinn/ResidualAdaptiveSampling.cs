namespace TheoryLab.Training.Pinn;

/// <summary>
/// Residual-based adaptive sampling of collocation points (Wu et al. 2023): on a dense set of candidates with PDE
/// residuals ε, the density p(x) ∝ ε(x)^k / E[ε^k] + c, the mean taken over the candidates, puts more points where the
/// network errs while c keeps a uniform share everywhere. RAD redraws every collocation point from it; RAR-D adds a
/// few drawn from it to the set. Draws are with replacement from the candidates (Wu et al.'s code draws without; with
/// ten times more candidates than draws the two differ little, and with replacement the draw is exactly the density).
/// </summary>
public static class ResidualAdaptiveSampling
{
    /// <summary>Wu et al.'s defaults, k = 1 and c = 1.</summary>
    public const double DefaultExponent = 1, DefaultUniformShare = 1;

    /// <summary>The probabilities ε_i^k / mean(ε^k) + c over the candidates, normalised to sum to 1.</summary>
    public static double[] Density(IReadOnlyList<double> residuals, double exponent = DefaultExponent, double uniformShare = DefaultUniformShare)
    {
        if (residuals.Count == 0) throw new ArgumentException("give at least one candidate", nameof(residuals));
        if (!(exponent >= 0) || !(uniformShare >= 0)) throw new ArgumentOutOfRangeException(nameof(exponent), "k and c must not be negative");
        var powered = residuals.Select(e => Math.Pow(Math.Abs(e), exponent)).ToArray();
        double mean = powered.Average();
        // All residuals zero: the density is uniform whatever c is.
        var weights = mean > 0 ? powered.Select(p => p / mean + uniformShare).ToArray() : [.. powered.Select(_ => 1.0)];
        double total = weights.Sum();
        if (!(total > 0) || !double.IsFinite(total)) throw new TheoryLabException("the sampling density has no mass; give c > 0 or a nonzero residual.");
        return [.. weights.Select(w => w / total)];
    }

    /// <summary><paramref name="count"/> candidate indices drawn independently from <paramref name="probabilities"/>.</summary>
    public static int[] Draw(IReadOnlyList<double> probabilities, int count, Random random)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "draw a non-negative number of points");
        var cumulative = new double[probabilities.Count];
        double running = 0;
        for (int i = 0; i < cumulative.Length; i++) cumulative[i] = running += probabilities[i];
        var drawn = new int[count];
        for (int d = 0; d < count; d++)
        {
            int index = Array.BinarySearch(cumulative, random.NextDouble() * running);
            drawn[d] = Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
        }
        return drawn;
    }

    /// <summary>RAD: a whole new set of <paramref name="count"/> points, rows of <paramref name="candidates"/> drawn from the residual density.</summary>
    public static double[,] Resample(double[,] candidates, IReadOnlyList<double> residuals, int count, Random random,
        double exponent = DefaultExponent, double uniformShare = DefaultUniformShare) =>
        Rows(candidates, Draw(Density(residuals, exponent, uniformShare), count, random));

    /// <summary>RAR-D: <paramref name="points"/> with <paramref name="added"/> more rows of <paramref name="candidates"/> appended, drawn from the residual density.</summary>
    public static double[,] Refine(double[,] points, double[,] candidates, IReadOnlyList<double> residuals, int added, Random random,
        double exponent = DefaultExponent, double uniformShare = DefaultUniformShare)
    {
        var extra = Resample(candidates, residuals, added, random, exponent, uniformShare);
        int n = points.GetLength(0), columns = points.GetLength(1);
        if (candidates.GetLength(1) != columns) throw new ArgumentException("the candidates need as many coordinates as the points", nameof(candidates));
        var grown = new double[n + added, columns];
        for (int p = 0; p < n; p++) for (int c = 0; c < columns; c++) grown[p, c] = points[p, c];
        for (int p = 0; p < added; p++) for (int c = 0; c < columns; c++) grown[n + p, c] = extra[p, c];
        return grown;
    }

    /// <summary>The rows <paramref name="indices"/> of <paramref name="candidates"/>, in order.</summary>
    public static double[,] Rows(double[,] candidates, IReadOnlyList<int> indices)
    {
        int columns = candidates.GetLength(1);
        var rows = new double[indices.Count, columns];
        for (int p = 0; p < indices.Count; p++) for (int c = 0; c < columns; c++) rows[p, c] = candidates[indices[p], c];
        return rows;
    }
}
