namespace TheoryLab.Numerics.Fits;

/// <summary>
/// The least-squares line y ≈ slope·x + intercept, from the centred sums Σ(x − x̄)(y − ȳ) and Σ(x − x̄)²: the one
/// straight-line fit the power laws, the index law, the dimension estimates and the depth-per-decade findings share.
/// </summary>
public readonly record struct LeastSquaresLine(double Slope, double Intercept)
{
    /// <summary>
    /// The line through (x, y); slope and intercept are NaN where the x do not vary (one point, or Σ(x − x̄)² = 0),
    /// which each caller turns into what its quantity means there.
    /// </summary>
    public static LeastSquaresLine Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count == 0) throw new ArgumentException($"a line needs (x, y) pairs; got {x.Count} x and {y.Count} y.");
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : double.NaN;
        return new LeastSquaresLine(slope, my - slope * mx);
    }
}
