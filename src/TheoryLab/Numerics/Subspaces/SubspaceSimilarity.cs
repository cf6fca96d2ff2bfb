namespace TheoryLab.Numerics.Subspaces;

/// <summary>
/// Hu et al.'s (2022, §7.2) normalised subspace similarity of two column spaces, φ = ‖Q₁ᵀQ₂‖_F² / min(p, q) with
/// orthonormal bases Q₁ (m × p) and Q₂ (m × q): the mean squared cosine of their principal angles, 1 when the smaller
/// space lies in the larger, 0 when they are orthogonal, and about max(p, q)/m for two drawn at random.
/// </summary>
public static class SubspaceSimilarity
{
    /// <summary>φ between span(<paramref name="a"/>) and span(<paramref name="b"/>), in [0, 1].</summary>
    public static double Between(double[,] a, double[,] b)
    {
        var angles = PrincipalAngles.Between(a, b);
        return angles.Sum(t => Math.Cos(t) * Math.Cos(t)) / angles.Length;
    }
}
