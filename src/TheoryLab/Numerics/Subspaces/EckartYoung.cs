namespace TheoryLab.Numerics.Subspaces;

/// <summary>
/// The Eckart–Young bound (Eckart &amp; Young 1936): among maps of rank at most k, the mean squared reconstruction error
/// E‖x − Mx‖² of centred data with covariance eigenvalues λ₁ ≥ λ₂ ≥ … is at least Σ_{i&gt;k} λᵢ, reached by the
/// projection onto the top-k eigenvectors.
/// </summary>
public static class EckartYoung
{
    /// <summary>Σ_{i&gt;k} λᵢ over the eigenvalues (any order; negative rounding values count as 0).</summary>
    public static double Bound(IEnumerable<double> eigenvalues, int k)
    {
        if (k < 0) throw new ArgumentException($"rank k = {k} must be non-negative");
        return eigenvalues.Select(l => Math.Max(0, l)).OrderByDescending(l => l).Skip(k).Sum();
    }
}
