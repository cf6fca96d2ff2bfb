using System.Collections.Concurrent;

namespace TheoryLab.Numerics;

/// <summary>
/// Gauss–Hermite rules for the standard Gaussian measure Dz = e^{−z²/2} dz / √(2π): n nodes integrate
/// polynomials of degree 2n − 1 exactly. For f analytic in a strip |Im z| &lt; d the error falls like
/// exp(−2d√(2n)), so smooth activations such as tanh(√q z) (poles at distance π/(2√q)) need more nodes
/// when q is large. Rules are computed once per n and cached.
/// </summary>
public static class GaussHermite
{
    /// <summary>Largest rule offered: beyond it the orthonormal recurrence overflows at the outermost nodes.</summary>
    public const int MaxNodes = 400;

    private static readonly ConcurrentDictionary<int, QuadratureRule> Cache = new();

    /// <summary>The n-node rule for ∫Dz f(z) (probabilists' Hermite polynomials, weights summing to 1).</summary>
    public static QuadratureRule StandardNormal(int n)
    {
        if (n < 1 || n > MaxNodes) throw new ArgumentOutOfRangeException(nameof(n), n, $"Gauss–Hermite rules are offered for 1 to {MaxNodes} nodes");
        // Orthonormal probabilists' Hermite polynomials: z hₖ = √(k+1) hₖ₊₁ + √k hₖ₋₁.
        return Cache.GetOrAdd(n, m => SymmetricGaussRule.Build(m, k => Math.Sqrt(k), 1.0));
    }
}
