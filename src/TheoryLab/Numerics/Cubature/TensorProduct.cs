namespace TheoryLab.Numerics.Cubature;

/// <summary>The points of a tensor-product rule: every d-tuple of one axis's nodes, the last coordinate varying fastest.</summary>
internal static class TensorProduct
{
    public static double[,] Points(IReadOnlyList<double> axis, int dimension)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "a rule needs at least one dimension");
        int n = axis.Count, count = checked((int)Math.Pow(n, dimension));
        var points = new double[count, dimension];
        for (int p = 0; p < count; p++)
            for (int d = dimension - 1, rest = p; d >= 0; d--, rest /= n) points[p, d] = axis[rest % n];
        return points;
    }

    /// <summary>The weight of each point of <see cref="Points"/>: the product of its coordinates' weights.</summary>
    public static double[] Weights(IReadOnlyList<double> axis, int dimension)
    {
        int n = axis.Count, count = checked((int)Math.Pow(n, dimension));
        var weights = new double[count];
        for (int p = 0; p < count; p++)
        {
            weights[p] = 1;
            for (int d = 0, rest = p; d < dimension; d++, rest /= n) weights[p] *= axis[rest % n];
        }
        return weights;
    }
}
