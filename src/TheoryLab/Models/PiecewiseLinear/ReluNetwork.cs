using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// A fully connected ReLU network of one input and one output, in float64: hidden layers z = W·h + b
/// followed by σ(z) = max(0, z), then a linear output unit. On a line such a network is continuous and
/// piecewise linear, and <see cref="LinearPieces"/> enumerates its pieces exactly.
/// </summary>
public sealed class ReluNetwork
{
    public ReluNetwork(IReadOnlyList<DenseLayer> hidden, DenseLayer output)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(output);
        int inputs = 1;
        foreach (var layer in hidden)
        {
            if (layer.Inputs != inputs)
                throw new ArgumentException($"a hidden layer takes {layer.Inputs} inputs where the previous layer gives {inputs}", nameof(hidden));
            inputs = layer.Outputs;
        }
        if (output.Inputs != inputs || output.Outputs != 1)
            throw new ArgumentException($"the output layer must map {inputs} inputs to 1 output, not {output.Inputs} to {output.Outputs}", nameof(output));
        Hidden = hidden.ToArray();
        Output = output;
    }

    public IReadOnlyList<DenseLayer> Hidden { get; }
    public DenseLayer Output { get; }

    /// <summary>Number of hidden (ReLU) layers, l.</summary>
    public int Depth => Hidden.Count;

    /// <summary>Units per hidden layer.</summary>
    public IReadOnlyList<int> Widths => Hidden.Select(h => h.Outputs).ToArray();

    /// <summary>The widest hidden layer, m; 0 for a network without hidden layers.</summary>
    public int MaxWidth => Hidden.Count == 0 ? 0 : Hidden.Max(h => h.Outputs);

    /// <summary>Weights and biases of all layers.</summary>
    public long ParameterCount => Hidden.Sum(h => h.ParameterCount) + Output.ParameterCount;

    /// <summary>
    /// Telgarsky's bound (2m)^l on the number of linear pieces of a network with l hidden layers of at most
    /// m units: each unit's input is a sum of at most m functions of at most t pieces (at most mt pieces),
    /// and the ReLU at most doubles that. As a double, since it overflows a long for deep wide networks.
    /// </summary>
    public double PieceBound => Math.Pow(2.0 * Math.Max(1, MaxWidth), Depth);

    /// <summary>
    /// The per-layer product Π_l (m_l + 1), a sharper bound than (2m)^l on the linear pieces along any line: on a piece
    /// of the map x ↦ (layer l − 1's outputs) every unit of layer l is affine, so it crosses zero at most once, and the
    /// piece splits into at most m_l + 1 parts. As a double, since it overflows a long for deep wide networks.
    /// </summary>
    public double LayerwisePieceBound => Hidden.Aggregate(1.0, (product, layer) => product * (layer.Outputs + 1));

    /// <summary>Hidden units of all layers: the "#neurons" of Hanin and Rolnick's count of regions along a line.</summary>
    public int NeuronCount => Hidden.Sum(h => h.Outputs);

    /// <summary>An upper bound on |f′| anywhere: the product of the layers' ∞-norms (a scale for tolerances).</summary>
    public double SlopeBound => Hidden.Aggregate(1.0, (p, h) => p * h.InfinityNorm()) * Output.InfinityNorm();

    public double Evaluate(double x)
    {
        double[] current = [x];
        foreach (var layer in Hidden)
        {
            var next = new double[layer.Outputs];
            layer.Apply(current, next);
            for (int j = 0; j < next.Length; j++) next[j] = Math.Max(0, next[j]);
            current = next;
        }
        Span<double> y = stackalloc double[1];
        Output.Apply(current, y);
        return y[0];
    }

    /// <summary>Weights and biases of a network of one input and one output with these hidden widths.</summary>
    public static long CountParameters(IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        long total = 0;
        int inputs = 1;
        foreach (int width in widths)
        {
            total += ((long)inputs + 1) * width;
            inputs = width;
        }
        return total + inputs + 1;
    }

    /// <summary>
    /// A random network with the given hidden widths: weights N(0, σ_w²/fan-in) and biases N(0, σ_b²),
    /// the initialisation under which Hanin and Rolnick count linear regions (σ_w² = 2 is He's).
    /// </summary>
    public static ReluNetwork Random(IReadOnlyList<int> widths, Random random, double weightVariance = 2, double biasVariance = 1)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(random);
        var hidden = new List<DenseLayer>();
        int inputs = 1;
        foreach (int width in widths)
        {
            hidden.Add(RandomLayer(inputs, width, random, weightVariance, biasVariance));
            inputs = width;
        }
        return new ReluNetwork(hidden, RandomLayer(inputs, 1, random, weightVariance, biasVariance));
    }

    /// <summary>
    /// A random network of these widths as Hanin and Rolnick initialise it (weights N(0, 2/fan-in), biases N(0, σ_b²)),
    /// reading the input centred on the interval, u = (2x − a − b)/(b − a) ∈ [−1, 1]: the affine map is folded into the
    /// first layer, so the result is again a ReLU network of x.
    /// </summary>
    public static ReluNetwork RandomCentred(IReadOnlyList<int> widths, double biasStd, double a, double b, Random random)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count == 0) throw new ArgumentException("give at least one hidden layer", nameof(widths));
        var net = Random(widths, random, weightVariance: 2, biasVariance: biasStd * biasStd);
        var first = net.Hidden[0];
        var w = first.WeightMatrix();
        var bias = first.Biases.ToArray();
        double scale = 2 / (b - a), shift = -(a + b) / (b - a);
        for (int j = 0; j < bias.Length; j++)
        {
            bias[j] += w[j, 0] * shift;
            w[j, 0] *= scale;
        }
        return new ReluNetwork([new DenseLayer(w, bias), .. net.Hidden.Skip(1)], net.Output);
    }

    private static DenseLayer RandomLayer(int inputs, int outputs, Random random, double weightVariance, double biasVariance)
    {
        var w = new double[outputs, inputs];
        var b = new double[outputs];
        double weightScale = Math.Sqrt(weightVariance / inputs), biasScale = Math.Sqrt(biasVariance);
        for (int j = 0; j < outputs; j++)
        {
            for (int i = 0; i < inputs; i++) w[j, i] = weightScale * StandardNormal.Next(random);
            b[j] = biasScale * StandardNormal.Next(random);
        }
        return new DenseLayer(w, b);
    }
}
