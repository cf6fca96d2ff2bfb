namespace TheoryLab.Numerics.Spectra;

/// <summary>
/// k steps of the Lanczos process on a symmetric operator from a start vector q₁: the tridiagonal T = QᵀAQ of the
/// Krylov space span{q₁, Aq₁, …, Aᵏ⁻¹q₁}. Its eigenvalues (Ritz values) approximate A's extreme eigenvalues first;
/// its eigenvectors' squared first components are the weights of a k-node Gauss rule for the spectral measure of
/// A seen from q₁ (so Σ τᵢ² f(θᵢ) = q₁ᵀf(A)q₁ exactly for polynomials of degree ≤ 2k − 1).
/// </summary>
/// <param name="Diagonal">α₁ … α_k.</param>
/// <param name="OffDiagonal">β₁ … β_{k−1}.</param>
public sealed record Lanczos(IReadOnlyList<double> Diagonal, IReadOnlyList<double> OffDiagonal)
{
    /// <summary>Steps taken: fewer than asked when the Krylov space became invariant (then the Ritz values are exact eigenvalues).</summary>
    public int Steps => Diagonal.Count;

    /// <summary>
    /// Runs the process for up to <paramref name="steps"/> steps, reorthogonalising every new vector against all
    /// earlier ones (twice, "twice is enough"), so that in floating point the Ritz values do not repeat ("ghosts")
    /// and the quadrature weights stay right; this costs O(k²n) arithmetic and k stored vectors besides k products.
    /// </summary>
    /// <param name="multiply">v ↦ Av for a symmetric A; the result may be a new array.</param>
    /// <param name="start">q₁ up to scale (non-zero).</param>
    /// <param name="steps">k ≥ 1; at most the dimension.</param>
    public static Lanczos Run(Func<double[], double[]> multiply, double[] start, int steps)
    {
        int n = start.Length;
        if (steps < 1 || steps > n) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"between 1 and the dimension {n}");
        double norm = Vectors.Norm(start);
        if (!(norm > 0)) throw new ArgumentException("the start vector must be non-zero and finite", nameof(start));

        var basis = new List<double[]> { Vectors.Scaled(start, 1 / norm) };
        var alpha = new List<double>();
        var beta = new List<double>();
        for (int j = 0; j < steps; j++)
        {
            var q = basis[j];
            var w = (double[])multiply(q).Clone();
            if (w.Length != n) throw new ArgumentException($"the operator returned {w.Length} entries for a vector of {n}");
            double a = Vectors.Dot(q, w);
            alpha.Add(a);
            if (j == steps - 1) break;
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var earlier in basis) Vectors.AddScaled(w, earlier, -Vectors.Dot(earlier, w));
            }
            double b = Vectors.Norm(w);
            // An invariant subspace: what is left of w is rounding noise, relative to the operator's scale.
            double scale = Math.Max(Math.Abs(a), beta.Count > 0 ? beta[^1] : 0);
            if (b <= 1e-12 * Math.Max(scale, double.Epsilon)) break;
            beta.Add(b);
            basis.Add(Vectors.Scaled(w, 1 / b));
        }
        return new Lanczos(alpha, beta);
    }

    /// <summary>The Ritz values θᵢ (increasing) and their Gauss weights τᵢ² (summing to 1).</summary>
    public (double[] Nodes, double[] Weights) Quadrature() => SymmetricTridiagonal.Eigen(Diagonal, OffDiagonal);

    /// <summary>The Ritz values, increasing.</summary>
    public double[] RitzValues() => Quadrature().Nodes;
}
