namespace TheoryLab.Numerics;

/// <summary>
/// Adaptive Simpson quadrature with Richardson extrapolation: an integrator that shares nothing with the
/// Gauss rules, so tests use it as the independent second method.
/// </summary>
public static class AdaptiveSimpson
{
    /// <summary>
    /// ∫ₐᵇ f(x) dx to about <paramref name="tolerance"/> absolute error. An interval is also accepted once its error
    /// estimate is at the rounding level of its value, since halving further cannot improve it.
    /// </summary>
    public static double Integrate(Func<double, double> f, double a, double b, double tolerance = 1e-12, int maxDepth = 40)
    {
        double fa = f(a), fb = f(b), m = 0.5 * (a + b), fm = f(m);
        double whole = (b - a) / 6 * (fa + 4 * fm + fb);
        return Refine(f, a, b, fa, fm, fb, whole, tolerance, maxDepth);
    }

    private static double Refine(Func<double, double> f, double a, double b, double fa, double fm, double fb, double whole, double tolerance, int depth)
    {
        double m = 0.5 * (a + b);
        double lm = 0.5 * (a + m), rm = 0.5 * (m + b);
        double flm = f(lm), frm = f(rm);
        double left = (m - a) / 6 * (fa + 4 * flm + fm);
        double right = (b - m) / 6 * (fm + 4 * frm + fb);
        double error = left + right - whole;
        if (depth <= 0 || Math.Abs(error) <= Math.Max(15 * tolerance, 1e-15 * Math.Abs(left + right))) return left + right + error / 15;
        return Refine(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1) + Refine(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }
}
