namespace TheoryLab.Numerics;

/// <summary>The error function and the Gaussian density and distribution, which .NET's Math lacks.</summary>
public static class SpecialFunctions
{
    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    /// <summary>
    /// erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt to about 1e-15 relative error. Below |x| = 2.5 the series
    /// (2/√π) e^{−x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)) (all terms positive, so no cancellation); above it 1 − erfc(x).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        double value = ax < 2.5 ? Series(ax) : 1 - ErfcContinuedFraction(ax);
        return Math.CopySign(value, x);
    }

    /// <summary>erfc(x) = 1 − erf(x), computed without cancellation for large positive x.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x >= 2.5) return ErfcContinuedFraction(x);
        if (x <= -2.5) return 2 - ErfcContinuedFraction(-x);
        return 1 - Math.CopySign(Series(Math.Abs(x)), x);
    }

    /// <summary>The standard normal density.</summary>
    public static double NormalPdf(double x) => GaussianQuadrature.InverseSqrtTwoPi * Math.Exp(-0.5 * x * x);

    /// <summary>The standard normal distribution function Φ(x).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Series(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail; x ≥ 2.5.</summary>
    private static double ErfcContinuedFraction(double x)
    {
        double t = x;
        for (int k = 120; k >= 1; k--) t = x + 0.5 * k / t;
        return Math.Exp(-x * x) / (Math.Sqrt(Math.PI) * t);
    }
}
