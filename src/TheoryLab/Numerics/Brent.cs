namespace TheoryLab.Numerics;

/// <summary>
/// Brent's root finder: inverse quadratic interpolation and secant steps where they make progress, bisection
/// where they do not, so it keeps bisection's guarantee inside a bracket and converges superlinearly near a
/// simple root.
/// </summary>
public static class Brent
{
    /// <summary>A root of <paramref name="f"/> in [a, b], where f(a) and f(b) differ in sign, to within <paramref name="tolerance"/>.</summary>
    public static double FindRoot(Func<double, double> f, double a, double b, double tolerance = 1e-13, int maxIterations = 200)
    {
        double fa = f(a), fb = f(b);
        if (fa == 0) return a;
        if (fb == 0) return b;
        if (Math.Sign(fa) == Math.Sign(fb))
            throw new ArgumentException($"f({a}) = {fa} and f({b}) = {fb} have the same sign: [{a}, {b}] does not bracket a root");

        double c = b, fc = fb, d = b - a, e = d;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                c = a; fc = fa;
                d = b - a; e = d;
            }
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            double tol = 2 * double.Epsilon + 2 * 1e-16 * Math.Abs(b) + 0.5 * tolerance;
            double half = 0.5 * (c - b);
            if (Math.Abs(half) <= tol || fb == 0) return b;

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2 * half * s;
                    q = 1 - s;
                }
                else
                {
                    double qa = fa / fc, r = fb / fc;
                    p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q;
                else p = -p;
                if (2 * p < Math.Min(3 * half * q - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = half;
                    e = d;
                }
            }
            else
            {
                d = half;
                e = d;
            }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : Math.CopySign(tol, half);
            fb = f(b);
        }
        return b;
    }
}
