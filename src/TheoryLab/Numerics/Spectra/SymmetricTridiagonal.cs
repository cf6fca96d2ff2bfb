namespace TheoryLab.Numerics.Spectra;

/// <summary>
/// The eigenvalues of a symmetric tridiagonal matrix and the first component of each unit eigenvector, by the
/// implicit QL algorithm with Wilkinson shifts (tql2 of EISPACK, as in JAMA). The first components squared are
/// the Gauss-quadrature weights of the Lanczos matrix (Golub–Welsch); only the first row of the accumulated
/// rotations is kept, since the rotations act on each row separately.
/// </summary>
public static class SymmetricTridiagonal
{
    /// <summary>Eigenvalues in increasing order and the squared first components of their eigenvectors (summing to 1).</summary>
    /// <param name="diagonal">The n diagonal entries.</param>
    /// <param name="offDiagonal">The n − 1 entries beside the diagonal.</param>
    public static (double[] Values, double[] FirstComponentsSquared) Eigen(IReadOnlyList<double> diagonal, IReadOnlyList<double> offDiagonal)
    {
        int n = diagonal.Count;
        if (n == 0 || offDiagonal.Count != n - 1) throw new ArgumentException($"need n ≥ 1 diagonal and n − 1 off-diagonal entries, got {n} and {offDiagonal.Count}");
        var d = diagonal.ToArray();
        var e = new double[n];
        for (int i = 0; i < n - 1; i++) e[i] = offDiagonal[i];
        var z = new double[n];
        z[0] = 1;
        Ql(d, e, z);

        var order = Enumerable.Range(0, n).OrderBy(i => d[i]).ToArray();
        return ([.. order.Select(i => d[i])], [.. order.Select(i => z[i] * z[i])]);
    }

    /// <summary>tql2 on d (diagonal) and e (e[i] couples i and i + 1; e[n − 1] = 0), rotating the row z alongside.</summary>
    private static void Ql(double[] d, double[] e, double[] z)
    {
        int n = d.Length;
        double shift = 0, scale = 0, eps = Math.Pow(2, -52);
        for (int l = 0; l < n; l++)
        {
            scale = Math.Max(scale, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * scale) m++;
            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 60) throw new InvalidOperationException("the QL iteration did not converge in 60 sweeps");
                    // The Wilkinson shift from the leading 2 × 2 block.
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    shift += h;

                    // The implicit QL sweep from m up to l.
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    double el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        double zi1 = z[i + 1];
                        z[i + 1] = s * z[i] + c * zi1;
                        z[i] = c * z[i] - s * zi1;
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * scale);
            }
            d[l] += shift;
            e[l] = 0;
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
