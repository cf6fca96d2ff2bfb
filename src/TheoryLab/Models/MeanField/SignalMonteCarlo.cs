using TheoryLab.Kernel;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// Monte Carlo of signal propagation: draws random networks from an <see cref="MlpSpec"/>, sends inputs of
/// exactly chosen lengths and correlations through them in float64, and measures q^l, c^l and χ₁ per layer —
/// the points Poole et al. (2016) overlay on the mean-field curves. Draws come from the generator passed in,
/// so measurements are reproducible even while other code uses torch's global generator.
/// </summary>
public static class SignalMonteCarlo
{
    /// <param name="spec">The networks; their input dimension is their width.</param>
    /// <param name="inputLengths">q⁰ of single inputs whose lengths are followed.</param>
    /// <param name="inputCorrelations">c⁰ of input pairs whose correlations are followed.</param>
    /// <param name="pairLength">q⁰ of each input of the pairs.</param>
    /// <param name="networks">Independent networks to average over.</param>
    /// <param name="generator">Source of every random draw (weights, biases, input directions).</param>
    public static SignalMeasurement Measure(MlpSpec spec, IReadOnlyList<double> inputLengths, IReadOnlyList<double> inputCorrelations,
        double pairLength, int networks, Generator generator, IProgressTask? progress = null, CancellationToken cancellation = default)
    {
        if (networks < 1) throw new TheoryLabException($"networks = {networks}: Monte Carlo needs at least one network.");
        TorchRuntime.EnsureLoaded();
        int depth = spec.Depth, k = inputLengths.Count, m = inputCorrelations.Count;
        var q = Samples(k, depth, networks);
        var c = Samples(m, depth, networks);
        var chi = Samples(1, depth, networks);
        for (int r = 0; r < networks; r++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = Inputs(spec.Width, inputLengths, inputCorrelations, pairLength, generator);
            // Layers are drawn one ahead and dropped once used, so a deep network never sits in memory whole.
            var layer = spec.Initialisation.Layer(spec.Width, spec.Width, generator, ScalarType.Float64);
            Tensor h = x;
            for (int l = 0; l < depth; l++)
            {
                // A network thousands of layers deep takes seconds on a loaded machine: a signal should not wait for it.
                cancellation.ThrowIfCancellationRequested();
                var next = l + 1 < depth ? spec.Initialisation.Layer(spec.Width, spec.Width, generator, ScalarType.Float64) : null;
                using (var step = NewDisposeScope())
                {
                    var output = layer.forward(l == 0 ? x : spec.Activation.Apply(h));
                    if (l > 0) h.Dispose();
                    h = output.MoveToOuterDisposeScope();
                    var lengths = h.Squared().mean([1]).data<double>().ToArray();
                    for (int i = 0; i < k; i++) q[i][l][r] = lengths[i];
                    for (int j = 0; j < m; j++)
                    {
                        int a = k + 2 * j, b = a + 1;
                        double dot = (h[a] * h[b]).mean().AsDouble();
                        c[j][l][r] = dot / Math.Sqrt(lengths[a] * lengths[b]);
                    }
                    chi[0][l][r] = next is null ? double.NaN : MeanSquaredJacobianSingularValue(next.weight!, spec.Activation.ApplyDerivative(h));
                }
                layer.Dispose();
                layer = next!;
            }
            progress?.Advance(1, $"network {r + 1}/{networks}");
        }
        return new SignalMeasurement
        {
            Networks = networks,
            Width = spec.Width,
            InputLengths = [.. inputLengths],
            InputCorrelations = [.. inputCorrelations],
            PairLength = pairLength,
            QByNetwork = q,
            CByNetwork = c,
            Chi1ByNetwork = chi[0],
        };
    }

    /// <summary>(1/N_out) ‖W diag φ′(h)‖_F² for each input row of h, averaged over the batch.</summary>
    private static double MeanSquaredJacobianSingularValue(Tensor weight, Tensor slopes)
    {
        using var fanOut = weight.shape[0].ToScalar();
        return (slopes.Squared().matmul(weight.Squared().sum(dim: 0)) / fanOut).mean().AsDouble();
    }

    /// <summary>
    /// A batch of inputs in R^N₀: one of length q⁰ per entry of <paramref name="lengths"/> (random directions),
    /// then for each c⁰ a pair of length <paramref name="pairLength"/> whose cosine is exactly c⁰, built from
    /// two Gram–Schmidt-orthonormalised Gaussian vectors.
    /// </summary>
    public static Tensor Inputs(int dimension, IReadOnlyList<double> lengths, IReadOnlyList<double> correlations, double pairLength, Generator generator)
    {
        Tensor Gaussian() => randn([dimension], dtype: ScalarType.Float64, generator: generator);
        using var scope = NewDisposeScope();
        var rows = new List<Tensor>();
        foreach (double q0 in lengths)
        {
            using var length = Math.Sqrt(dimension * q0).ToScalar();
            rows.Add(Unit(Gaussian()) * length);
        }
        using var scale = Math.Sqrt(dimension * pairLength).ToScalar();
        foreach (double c0 in correlations)
        {
            var e1 = Unit(Gaussian());
            var v = Gaussian();
            var e2 = Unit(v - (v * e1).sum() * e1);
            rows.Add(e1 * scale);
            using Scalar along = c0.ToScalar(), across = Math.Sqrt(Math.Max(0, 1 - c0 * c0)).ToScalar();
            rows.Add((along * e1).Plus(across * e2) * scale);
        }
        return stack(rows).MoveToOuterDisposeScope();
    }

    private static Tensor Unit(Tensor v) => v / v.norm();

    private static double[][][] Samples(int series, int depth, int networks) =>
        [.. Enumerable.Range(0, series).Select(_ => Enumerable.Range(0, depth).Select(_ => new double[networks]).ToArray())];
}
