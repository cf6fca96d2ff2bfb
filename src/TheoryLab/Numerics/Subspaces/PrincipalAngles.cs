namespace TheoryLab.Numerics.Subspaces;

/// <summary>
/// The principal angles 0 ≤ θ₁ ≤ … ≤ θ_m between the column spaces of two matrices (Björck &amp; Golub 1973): with
/// orthonormal bases Q₁, Q₂, cos θᵢ are the singular values of Q₁ᵀQ₂. Small angles are taken from their sines, the
/// singular values of Q₂ − Q₁Q₁ᵀQ₂, since cos θ loses them below about 10⁻⁸ rad (Knyazev &amp; Argentati 2002).
/// Everything is float64.
/// </summary>
public static class PrincipalAngles
{
    /// <summary>The min(p, q) principal angles in radians, increasing, between span(<paramref name="a"/>) (m × p) and span(<paramref name="b"/>) (m × q).</summary>
    public static double[] Between(double[,] a, double[,] b)
    {
        if (a.GetLength(0) != b.GetLength(0)) throw new ArgumentException($"the subspaces live in R^{a.GetLength(0)} and R^{b.GetLength(0)}");
        // The angles are symmetric in the two spaces; with q ≤ p the q sines are exactly those of the q angles.
        if (b.GetLength(1) > a.GetLength(1)) (a, b) = (b, a);
        var q1 = DenseMatrices.OrthonormalColumns(a);
        var q2 = DenseMatrices.OrthonormalColumns(b);
        var cross = DenseMatrices.Gram(q1, q2);
        var cosines = SymmetricEigen.SingularValues(cross);                 // decreasing
        int m = q2.GetLength(0), p = q1.GetLength(1), q = q2.GetLength(1);
        var residual = new double[m, q];
        for (int r = 0; r < m; r++)
            for (int j = 0; j < q; j++)
            {
                double projected = 0;
                for (int i = 0; i < p; i++) projected += q1[r, i] * cross[i, j];
                residual[r, j] = q2[r, j] - projected;
            }
        var sines = SymmetricEigen.SingularValues(residual).Reverse().ToArray();   // increasing
        var angles = new double[q];
        for (int i = 0; i < q; i++)
            angles[i] = cosines[i] * cosines[i] >= 0.5 ? Math.Asin(Math.Min(1, sines[i])) : Math.Acos(Math.Min(1, cosines[i]));
        return angles;
    }

    /// <summary>The largest principal angle, in degrees.</summary>
    public static double LargestDegrees(double[,] a, double[,] b) => Between(a, b)[^1] * 180 / Math.PI;

    /// <summary>The angle in degrees between the lines spanned by two vectors, in [0°, 90°] (the sign of either is ignored).</summary>
    public static double LineAngleDegrees(IReadOnlyList<double> u, IReadOnlyList<double> v)
    {
        if (u.Count != v.Count) throw new ArgumentException($"vectors of lengths {u.Count} and {v.Count}");
        var a = new double[u.Count, 1];
        var b = new double[v.Count, 1];
        for (int i = 0; i < u.Count; i++) { a[i, 0] = u[i]; b[i, 0] = v[i]; }
        return LargestDegrees(a, b);
    }
}
