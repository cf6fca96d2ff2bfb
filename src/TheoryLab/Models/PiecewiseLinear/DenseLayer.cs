namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// The affine map z = W·h + b of one fully connected layer, in float64. Rows of W are units; the weights
/// are kept row-major in one array so the exact enumeration of linear pieces walks them without indirection.
/// </summary>
public sealed class DenseLayer
{
    private readonly double[] _weights;
    private readonly double[] _biases;

    /// <param name="weights">Outputs × inputs: row <c>j</c> holds the incoming weights of unit <c>j</c>.</param>
    /// <param name="biases">One bias per unit.</param>
    public DenseLayer(double[,] weights, double[] biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.GetLength(0) != biases.Length)
            throw new ArgumentException($"{weights.GetLength(0)} rows of weights but {biases.Length} biases", nameof(biases));
        Outputs = weights.GetLength(0);
        Inputs = weights.GetLength(1);
        _weights = new double[Outputs * Inputs];
        for (int j = 0; j < Outputs; j++)
            for (int i = 0; i < Inputs; i++)
                _weights[j * Inputs + i] = weights[j, i];
        _biases = (double[])biases.Clone();
    }

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Weights plus biases.</summary>
    public long ParameterCount => (long)Inputs * Outputs + Outputs;

    public IReadOnlyList<double> Biases => _biases;

    /// <summary>The weight from input <paramref name="input"/> to unit <paramref name="unit"/>.</summary>
    public double Weight(int unit, int input) => _weights[unit * Inputs + input];

    /// <summary>W as a fresh outputs × inputs array.</summary>
    public double[,] WeightMatrix()
    {
        var w = new double[Outputs, Inputs];
        for (int j = 0; j < Outputs; j++)
            for (int i = 0; i < Inputs; i++)
                w[j, i] = _weights[j * Inputs + i];
        return w;
    }

    /// <summary>The largest absolute row sum of W: how much the layer can stretch a slope (∞-norm).</summary>
    public double InfinityNorm()
    {
        double norm = 0;
        for (int j = 0; j < Outputs; j++)
        {
            double row = 0;
            for (int i = 0; i < Inputs; i++) row += Math.Abs(_weights[j * Inputs + i]);
            norm = Math.Max(norm, row);
        }
        return norm;
    }

    internal ReadOnlySpan<double> Row(int unit) => _weights.AsSpan(unit * Inputs, Inputs);

    /// <summary>z = W·h + b written into <paramref name="z"/>.</summary>
    internal void Apply(ReadOnlySpan<double> h, Span<double> z)
    {
        for (int j = 0; j < Outputs; j++)
        {
            double sum = _biases[j];
            var row = Row(j);
            for (int i = 0; i < row.Length; i++) sum += row[i] * h[i];
            z[j] = sum;
        }
    }
}
