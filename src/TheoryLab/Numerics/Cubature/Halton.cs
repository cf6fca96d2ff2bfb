namespace TheoryLab.Numerics.Cubature;

/// <summary>
/// The Halton sequence (Halton 1960): point i has coordinate d equal to the radical inverse of i in the d-th prime base,
/// i's digits mirrored about the radix point. Its star discrepancy is O((log N)ᵈ/N), so by the Koksma–Hlawka
/// inequality an integrand of bounded variation is integrated with error O((log N)ᵈ/N) (Niederreiter 1992). The
/// sequence starts at i = 1: point 0 is the cube's corner, which scipy's unscrambled sequence includes.
/// </summary>
public static class Halton
{
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>The first <paramref name="count"/> points (i = 1 … count) in <paramref name="dimension"/> dimensions.</summary>
    public static double[,] Points(int count, int dimension)
    {
        if (dimension < 1 || dimension > Primes.Length) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"Halton points are offered in 1 to {Primes.Length} dimensions");
        var points = new double[count, dimension];
        for (int i = 0; i < count; i++)
            for (int d = 0; d < dimension; d++) points[i, d] = RadicalInverse(i + 1, Primes[d]);
        return points;
    }

    /// <summary>The equal-weight rule on the first <paramref name="count"/> points.</summary>
    public static CubatureRule Rule(int count, int dimension) => CubatureRule.EqualWeights(Points(count, dimension));

    /// <summary>i's base-b digits a₀ a₁ … mirrored: Σ aₖ b^{−k−1}.</summary>
    public static double RadicalInverse(long index, int radix)
    {
        double value = 0, scale = 1.0 / radix;
        for (long rest = index; rest > 0; rest /= radix, scale /= radix) value += rest % radix * scale;
        return value;
    }
}
