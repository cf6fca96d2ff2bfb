namespace TheoryLab.Numerics.Subspaces;

/// <summary>The few dense-matrix operations the subspace computations need, on row-major <c>double[rows, columns]</c>.</summary>
public static class DenseMatrices
{
    /// <summary>AᵀB for A (m × p) and B (m × q).</summary>
    public static double[,] Gram(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), p = a.GetLength(1), q = b.GetLength(1);
        if (b.GetLength(0) != m) throw new ArgumentException($"the matrices have {m} and {b.GetLength(0)} rows");
        var g = new double[p, q];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < q; j++)
            {
                double sum = 0;
                for (int r = 0; r < m; r++) sum += a[r, i] * b[r, j];
                g[i, j] = sum;
            }
        return g;
    }

    /// <summary>
    /// An orthonormal basis of the column space of <paramref name="columns"/> (m × k, k ≤ m), by modified Gram–Schmidt
    /// applied twice ("twice is enough", Giraud et al. 2005), column j spanning the same space as the first j + 1 given.
    /// Throws when the columns are linearly dependent to rounding level.
    /// </summary>
    public static double[,] OrthonormalColumns(double[,] columns)
    {
        int m = columns.GetLength(0), k = columns.GetLength(1);
        if (k > m) throw new ArgumentException($"{k} columns of length {m} cannot be independent");
        var q = (double[,])columns.Clone();
        for (int j = 0; j < k; j++)
        {
            double original = Math.Sqrt(Enumerable.Range(0, m).Sum(r => q[r, j] * q[r, j]));
            for (int pass = 0; pass < 2; pass++)
                for (int i = 0; i < j; i++)
                {
                    double dot = 0;
                    for (int r = 0; r < m; r++) dot += q[r, i] * q[r, j];
                    for (int r = 0; r < m; r++) q[r, j] -= dot * q[r, i];
                }
            double norm = Math.Sqrt(Enumerable.Range(0, m).Sum(r => q[r, j] * q[r, j]));
            if (!(norm > 1e-12 * original)) throw new ArgumentException($"column {j} lies in the span of the columns before it: the columns are not independent");
            for (int r = 0; r < m; r++) q[r, j] /= norm;
        }
        return q;
    }
}
