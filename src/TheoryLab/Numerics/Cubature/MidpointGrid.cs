namespace TheoryLab.Numerics.Cubature;

/// <summary>
/// The tensor-product midpoint rule on the unit cube: n points per side at the cells' centres (i + ½)/n, N = nᵈ in all,
/// equal weights. On a twice-differentiable integrand its error is O(n⁻²) = O(N^{−2/d}): the curse of dimension.
/// </summary>
public static class MidpointGrid
{
    public static CubatureRule Rule(int perSide, int dimension)
    {
        var axis = Enumerable.Range(0, perSide).Select(i => (i + 0.5) / perSide).ToArray();
        return CubatureRule.EqualWeights(TensorProduct.Points(axis, dimension));
    }
}
