namespace TheoryLab.Numerics.IntrinsicDimension;

/// <summary>The TwoNN estimate and the points of its fit: log μ against −log(1 − F(μ)), a line of slope d through the origin.</summary>
public sealed record TwoNnEstimate(double Dimension, IReadOnlyList<double> LogMu, IReadOnlyList<double> MinusLogSurvival);

/// <summary>
/// Facco, d'Errico, Rodriguez &amp; Laio (2017): for locally uniform data the ratio μ = r₂/r₁ of second to first
/// neighbour distance is Pareto, F(μ) = 1 − μ^{−d}, whatever the density. So −log(1 − F_emp(μ)) = d log μ;
/// d is the slope of a least-squares line through the origin after discarding the largest μ (10% in the paper).
/// </summary>
public static class TwoNearestNeighbours
{
    /// <param name="nearest">Row i: distances from point i to its neighbours, ascending, itself excluded; at least two columns.</param>
    /// <param name="discardFraction">Fraction of the largest ratios left out of the fit.</param>
    public static TwoNnEstimate Estimate(double[,] nearest, double discardFraction = 0.1)
    {
        if (nearest.GetLength(1) < 2) throw new ArgumentException("TwoNN needs the two nearest distances of every point", nameof(nearest));
        if (discardFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(discardFraction), discardFraction, "discard a fraction in [0, 1)");
        int n = nearest.GetLength(0);
        var mu = new List<double>(n);
        for (int i = 0; i < n; i++)
            if (nearest[i, 0] > 0) mu.Add(nearest[i, 1] / nearest[i, 0]);
        mu.Sort();
        int kept = Math.Min(mu.Count - 1, (int)Math.Floor(mu.Count * (1 - discardFraction)));
        var x = new double[kept];
        var y = new double[kept];
        double sxy = 0, sxx = 0;
        for (int i = 0; i < kept; i++)
        {
            // The empirical F at the j-th smallest ratio (j from 1) is j/N, the paper's convention.
            x[i] = Math.Log(mu[i]);
            y[i] = -Math.Log(1 - (i + 1.0) / mu.Count);
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
        }
        return new TwoNnEstimate(sxy / sxx, x, y);
    }
}
