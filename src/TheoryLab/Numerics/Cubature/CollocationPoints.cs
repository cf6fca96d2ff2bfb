namespace TheoryLab.Numerics.Cubature;

/// <summary>The kinds of point set a PINN's residual integral can be estimated on.</summary>
public enum PointSet
{
    /// <summary>The tensor-product midpoint grid, error O(N^{−2/d}).</summary>
    Grid,

    /// <summary>Independent uniform points, root-mean-square error σ/√N.</summary>
    Random,

    /// <summary>The Halton sequence, error O((log N)ᵈ/N).</summary>
    Halton,

    /// <summary>Tensor-product Gauss–Legendre, error falling geometrically for analytic integrands.</summary>
    Gauss,
}

/// <summary>
/// A cubature rule on the unit cube of each <see cref="PointSet"/> with N = nᵈ points (so that the grid and Gauss rules,
/// which need n per side, and the others are compared at the same N), and the rate quadrature theory gives for each.
/// </summary>
public static class CollocationPoints
{
    /// <param name="random">Draws the uniform points; the other sets are deterministic.</param>
    public static CubatureRule Rule(PointSet kind, int perSide, int dimension, Random random)
    {
        int count = checked((int)Math.Pow(perSide, dimension));
        return kind switch
        {
            PointSet.Grid => MidpointGrid.Rule(perSide, dimension),
            PointSet.Random => CubatureRule.EqualWeights(Uniform(count, dimension, random)),
            PointSet.Halton => Halton.Rule(count, dimension),
            PointSet.Gauss => GaussLegendreProduct.Rule(perSide, dimension),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>
    /// The exponent of N in the error of the kind's rule on a smooth integrand: −2/d for the midpoint grid, −½ for random
    /// points (in root mean square), −1 for Halton (up to the logarithm), and null for Gauss, whose error falls faster than any power.
    /// </summary>
    public static double? TheoreticalSlope(PointSet kind, int dimension) => kind switch
    {
        PointSet.Grid => -2.0 / dimension,
        PointSet.Random => -0.5,
        PointSet.Halton => -1,
        _ => null,
    };

    private static double[,] Uniform(int count, int dimension, Random random)
    {
        var points = new double[count, dimension];
        for (int i = 0; i < count; i++)
            for (int d = 0; d < dimension; d++) points[i, d] = random.NextDouble();
        return points;
    }
}
