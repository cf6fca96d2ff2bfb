namespace TheoryLab.Numerics.Cubature;

/// <summary>
/// Points and weights that approximate an integral over a box, ∫ f(x) dx ≈ Σ wᵢ f(xᵢ): the d-dimensional sibling of
/// <see cref="QuadratureRule"/>. On the unit cube the weights of every rule here sum to 1 (its volume), so a rule's
/// sum of f² is also the mean a PINN loss takes when the weights are equal.
/// </summary>
public sealed class CubatureRule
{
    private readonly double[,] _points;
    private readonly double[] _weights;

    /// <param name="points">Row i holds point i's coordinates.</param>
    /// <param name="weights">One weight per point.</param>
    public CubatureRule(double[,] points, double[] weights)
    {
        if (points.GetLength(0) != weights.Length) throw new ArgumentException($"{points.GetLength(0)} points but {weights.Length} weights");
        _points = points;
        _weights = weights;
    }

    public int Count => _weights.Length;
    public int Dimension => _points.GetLength(1);

    /// <summary>The points, row i holding point i (a copy: the rule stays immutable).</summary>
    public double[,] Points => (double[,])_points.Clone();

    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Σ wᵢ f(xᵢ).</summary>
    public double Sum(Func<double[], double> f)
    {
        double sum = 0;
        var x = new double[Dimension];
        for (int i = 0; i < Count; i++)
        {
            for (int d = 0; d < x.Length; d++) x[d] = _points[i, d];
            sum += _weights[i] * f(x);
        }
        return sum;
    }

    /// <summary>Equal weights 1/N on the given points: the Monte-Carlo and quasi-Monte-Carlo estimate of the mean over the unit cube.</summary>
    public static CubatureRule EqualWeights(double[,] points) =>
        new(points, Enumerable.Repeat(1.0 / points.GetLength(0), points.GetLength(0)).ToArray());
}
