using System.Collections.Concurrent;

namespace TheoryLab.Numerics;

/// <summary>Gauss–Legendre rules on [−1, 1] (weights summing to 2) and their affine images.</summary>
public static class GaussLegendre
{
    private static readonly ConcurrentDictionary<int, QuadratureRule> Cache = new();

    /// <summary>The n-node rule for ∫₋₁¹ f(t) dt, exact for polynomials of degree 2n − 1.</summary>
    public static QuadratureRule UnitInterval(int n)
    {
        if (n < 1 || n > 1000) throw new ArgumentOutOfRangeException(nameof(n), n, "Gauss–Legendre rules are offered for 1 to 1000 nodes");
        // Orthonormal Legendre polynomials for dt/2: βₖ = k / √(4k² − 1).
        return Cache.GetOrAdd(n, m => SymmetricGaussRule.Build(m, k => k / Math.Sqrt(4.0 * k * k - 1), 2.0));
    }

    /// <summary>∫ₐᵇ f(x) dx with the n-node rule.</summary>
    public static double Integrate(Func<double, double> f, double a, double b, int n)
    {
        var rule = UnitInterval(n);
        double mid = 0.5 * (a + b), half = 0.5 * (b - a), sum = 0;
        for (int i = 0; i < rule.Count; i++) sum += rule.Weights[i] * f(mid + half * rule.Nodes[i]);
        return half * sum;
    }
}
