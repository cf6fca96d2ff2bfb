namespace TheoryLab.Numerics;

/// <summary>
/// The exact largest deviation of a piecewise-linear function from x². On each piece the deviation
/// ℓ(x) − x² is a concave quadratic, so its extremes lie at the piece's ends or at the vertex x* = ℓ′/2.
/// </summary>
public static class SquareDeviation
{
    /// <summary>sup |ℓ(x) − x²| over [x₀, x_n], ℓ the linear interpolant of the points (x_k, y_k), x_k increasing.</summary>
    public static double Max(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count || xs.Count < 2) throw new ArgumentException("give at least two points, as many values as abscissae");
        double worst = 0;
        for (int k = 0; k + 1 < xs.Count; k++)
        {
            double a = xs[k], b = xs[k + 1];
            if (!(b > a)) throw new ArgumentException($"abscissae must increase; x[{k}] = {a}, x[{k + 1}] = {b}", nameof(xs));
            double slope = (ys[k + 1] - ys[k]) / (b - a);
            double Deviation(double x) => ys[k] + slope * (x - a) - x * x;
            worst = Math.Max(worst, Math.Max(Math.Abs(Deviation(a)), Math.Abs(Deviation(b))));
            double vertex = slope / 2;
            if (vertex > a && vertex < b) worst = Math.Max(worst, Math.Abs(Deviation(vertex)));
        }
        return worst;
    }
}
