namespace TheoryLab.Models.ReluCircuits;

/// <summary>An affine map z = W·x + b in float64, the building block of a <see cref="ReluCircuit"/>.</summary>
public sealed class AffineMap
{
    private readonly double[,] _weights;
    private readonly double[] _biases;

    /// <param name="weights">Outputs × inputs.</param>
    /// <param name="biases">One per output.</param>
    public AffineMap(double[,] weights, double[] biases)
    {
        if (weights.GetLength(0) != biases.Length)
            throw new ArgumentException($"{weights.GetLength(0)} rows of weights but {biases.Length} biases", nameof(biases));
        _weights = (double[,])weights.Clone();
        _biases = (double[])biases.Clone();
    }

    public int Inputs => _weights.GetLength(1);
    public int Outputs => _weights.GetLength(0);

    public double Weight(int output, int input) => _weights[output, input];
    public double Bias(int output) => _biases[output];

    /// <summary>A copy of W (outputs × inputs).</summary>
    public double[,] Weights() => (double[,])_weights.Clone();

    /// <summary>A copy of b.</summary>
    public double[] Biases() => (double[])_biases.Clone();

    /// <summary>Entries of W and b that are not zero: the connections and biases the network really uses.</summary>
    public long NonzeroParameters
    {
        get
        {
            long count = _biases.Count(b => b != 0);
            foreach (double w in _weights)
                if (w != 0) count++;
            return count;
        }
    }

    public double[] Apply(ReadOnlySpan<double> x)
    {
        if (x.Length != Inputs) throw new ArgumentException($"the map takes {Inputs} inputs, not {x.Length}", nameof(x));
        var z = new double[Outputs];
        for (int j = 0; j < Outputs; j++)
        {
            double s = _biases[j];
            for (int i = 0; i < Inputs; i++) s += _weights[j, i] * x[i];
            z[j] = s;
        }
        return z;
    }

    /// <summary>The map x ↦ this(first(x)).</summary>
    public AffineMap After(AffineMap first)
    {
        if (first.Outputs != Inputs) throw new ArgumentException($"cannot feed {first.Outputs} outputs into a map of {Inputs} inputs", nameof(first));
        var w = new double[Outputs, first.Inputs];
        var b = new double[Outputs];
        for (int j = 0; j < Outputs; j++)
        {
            double s = _biases[j];
            for (int k = 0; k < Inputs; k++)
            {
                double a = _weights[j, k];
                if (a == 0) continue;
                s += a * first._biases[k];
                for (int i = 0; i < first.Inputs; i++) w[j, i] += a * first._weights[k, i];
            }
            b[j] = s;
        }
        return new AffineMap(w, b);
    }

    /// <summary>The map of several maps side by side: separate inputs, outputs concatenated (block-diagonal W).</summary>
    public static AffineMap BlockDiagonal(IReadOnlyList<AffineMap> maps)
    {
        int inputs = maps.Sum(m => m.Inputs), outputs = maps.Sum(m => m.Outputs);
        var w = new double[outputs, inputs];
        var b = new double[outputs];
        int row = 0, col = 0;
        foreach (var m in maps)
        {
            for (int j = 0; j < m.Outputs; j++)
            {
                b[row + j] = m._biases[j];
                for (int i = 0; i < m.Inputs; i++) w[row + j, col + i] = m._weights[j, i];
            }
            row += m.Outputs;
            col += m.Inputs;
        }
        return new AffineMap(w, b);
    }

    /// <summary>The n × n identity.</summary>
    public static AffineMap Identity(int n)
    {
        var w = new double[n, n];
        for (int i = 0; i < n; i++) w[i, i] = 1;
        return new AffineMap(w, new double[n]);
    }
}
