namespace TheoryLab.Numerics.Subspaces;

/// <summary>
/// Eigenvalues and eigenvectors of a small dense symmetric matrix by the cyclic Jacobi method (Golub &amp; Van Loan,
/// Matrix Computations, §8.5): rotations annihilate each off-diagonal entry in turn until the off-diagonal mass is at
/// rounding level. Accurate to a few ulps of the largest eigenvalue; O(n³) a sweep, so meant for n up to a hundred or so.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues in decreasing order and the unit eigenvectors as the columns of the second matrix, in the same order.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] symmetric)
    {
        int n = symmetric.GetLength(0);
        if (symmetric.GetLength(1) != n) throw new ArgumentException($"need a square matrix, got {n} × {symmetric.GetLength(1)}");
        var a = (double[,])symmetric.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                if (!double.IsFinite(a[i, j]) || !double.IsFinite(a[j, i])) throw new ArgumentException("the matrix has a non-finite entry");
                a[i, j] = a[j, i] = 0.5 * (a[i, j] + a[j, i]);
            }
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    total += a[i, j] * a[i, j];
                    if (i != j) off += a[i, j] * a[i, j];
                }
            if (off <= 1e-30 * total || off == 0) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0) continue;
                    // The rotation (c, s) that zeroes a[p, q]: t = tan θ is the smaller root of t² + 2τt − 1 = 0.
                    double tau = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(tau == 0 ? 1 : tau) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
                    double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i, i]).ToArray();
        var values = order.Select(i => a[i, i]).ToArray();
        var vectors = new double[n, n];
        for (int c = 0; c < n; c++)
            for (int r = 0; r < n; r++) vectors[r, c] = v[r, order[c]];
        return (values, vectors);
    }

    /// <summary>The singular values of <paramref name="matrix"/> (m × n), decreasing: square roots of the eigenvalues of its n × n Gram matrix.</summary>
    public static double[] SingularValues(double[,] matrix)
    {
        var gram = DenseMatrices.Gram(matrix, matrix);
        return Decompose(gram).Values.Select(l => Math.Sqrt(Math.Max(0, l))).ToArray();
    }
}
