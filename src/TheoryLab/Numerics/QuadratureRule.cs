namespace TheoryLab.Numerics;

/// <summary>
/// Nodes and weights that approximate an integral against a fixed measure: ∫ f dμ ≈ Σ wᵢ f(xᵢ).
/// Immutable; rules are built once and shared across threads.
/// </summary>
public sealed class QuadratureRule
{
    private readonly double[] _nodes;
    private readonly double[] _weights;

    public QuadratureRule(double[] nodes, double[] weights)
    {
        if (nodes.Length != weights.Length) throw new ArgumentException($"{nodes.Length} nodes but {weights.Length} weights");
        _nodes = nodes;
        _weights = weights;
    }

    public int Count => _nodes.Length;
    public ReadOnlySpan<double> Nodes => _nodes;
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Σ wᵢ f(xᵢ).</summary>
    public double Sum(Func<double, double> f)
    {
        double sum = 0;
        for (int i = 0; i < _nodes.Length; i++) sum += _weights[i] * f(_nodes[i]);
        return sum;
    }
}
