namespace TheoryLab.Numerics.Fits;

/// <summary>Least-squares line through (ln x, ln y): the exponent p of a power law y ∝ xᵖ.</summary>
internal static class LogLogFit
{
    /// <summary>The fitted slope of ln y against ln x; needs at least two distinct positive x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        LeastSquaresLine.Fit([.. x.Select(v => Math.Log(v))], [.. y.Select(v => Math.Log(v))]).Slope;
}
