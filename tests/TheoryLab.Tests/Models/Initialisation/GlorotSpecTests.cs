using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Initialisation;

public class GlorotSpecTests
{
    public GlorotSpecTests() => TorchRuntime.EnsureLoaded();

    private static GlorotSpec Spec(GlorotScheme scheme, Activation? activation = null, int width = 1000) =>
        new(activation ?? Activations.Tanh, scheme, inputs: 40, width, hiddenLayers: 5, outputs: 10);

    [Fact]
    public void WeightVariances_AreTheHandComputedValuesOfBothSchemes()
    {
        var standard = Spec(GlorotScheme.Standard);
        var normalised = Spec(GlorotScheme.Normalised);
        // U[−1/√n_in, 1/√n_in] has variance 1/(3 n_in); U[−√6/√(n_in+n_out), …] has 6/(n_in+n_out)/3 = 2/(n_in+n_out).
        Assert.Equal(1.0 / 120, standard.WeightVariance(1), 15);
        Assert.Equal(1.0 / 3000, standard.WeightVariance(3), 15);
        Assert.Equal(2.0 / 1040, normalised.WeightVariance(1), 15);
        Assert.Equal(2.0 / 2000, normalised.WeightVariance(3), 15);
        Assert.Equal(2.0 / 1010, normalised.WeightVariance(6), 15);
        // Standard over normalised is (n_in + n_out)/(6 n_in): 1040/240 for 40 → 1000, 1/3 between hidden layers, 1010/6000 at the readout.
        Assert.Equal(1040.0 / 240, standard.WeightVariance(1) / normalised.WeightVariance(1), 12);
        Assert.Equal(1.0 / 3, standard.WeightVariance(2) / normalised.WeightVariance(2), 12);
        Assert.Equal(1010.0 / 6000, standard.WeightVariance(6) / normalised.WeightVariance(6), 12);
    }

    [Fact]
    public void LinearTheory_ShrinksByAThirdPerLayerWithTheStandardInit_AndHoldsLevelWithTheNormalisedOne()
    {
        var standard = Spec(GlorotScheme.Standard);
        var normalised = Spec(GlorotScheme.Normalised);
        // Forward: n_in Var[W] = 1/3 for every standard layer; 80/1040 for the normalised first layer, then 1.
        Assert.Equal([1.0 / 3, 1.0 / 9, 1.0 / 27, 1.0 / 81, 1.0 / 243], standard.LinearActivationVariances(1), new DoubleTolerance(1e-14));
        Assert.All(normalised.LinearActivationVariances(1), v => Assert.Equal(80.0 / 1040, v, 14));
        // Backward from the logits: n_out Var[W] = 10/3000 at the readout, then 1/3 per standard layer; 20/1010, then 1.
        double[] standardGradients = standard.LinearGradientVariances(1);
        Assert.Equal(1, standardGradients[5]);
        Assert.Equal(10.0 / 3000, standardGradients[4], 15);
        Assert.Equal(10.0 / 3000 / 81, standardGradients[0], 15);
        Assert.All(normalised.LinearGradientVariances(1).Take(5), v => Assert.Equal(20.0 / 1010, v, 14));
    }

    [Fact]
    public void Softsign_OnTensors_MatchesItsScalarFormAndDerivative()
    {
        double[] u = [-7.5, -1, -0.25, 0, 0.3, 2, 40];
        using var x = tensor(u, dtype: ScalarType.Float64);
        var values = Activations.Softsign.Apply(x).data<double>().ToArray();
        var slopes = Activations.Softsign.ApplyDerivative(x).data<double>().ToArray();
        for (int i = 0; i < u.Length; i++)
        {
            Assert.Equal(u[i] / (1 + Math.Abs(u[i])), values[i], 15);
            Assert.Equal(Activations.Softsign.Value(u[i]), values[i], 15);
            // Against a central difference of the value, accurate to about 1e-9 away from the kink at 0.
            if (u[i] != 0) Assert.Equal((Activations.Softsign.Value(u[i] + 1e-6) - Activations.Softsign.Value(u[i] - 1e-6)) / 2e-6, slopes[i], 8);
        }
        Assert.Equal(1, slopes[Array.IndexOf(u, 0.0)]);
    }

    [Fact]
    public void DrawnWeights_HaveTheSchemesVarianceAndBound_AndBiasesStartAtZero()
    {
        using var generator = new Generator(7);
        foreach (var scheme in new[] { GlorotScheme.Standard, GlorotScheme.Normalised })
        {
            var spec = Spec(scheme);
            using var network = spec.Build(generator);
            for (int k = 1; k <= 6; k++)
            {
                var w = network.Layers[k - 1].weight!;
                double variance = w.var().AsDouble();
                // The sample variance of m uniform values has relative standard deviation √(0.8/m) (fourth moment 9/5 σ⁴);
                // m ≥ 10 000 here, so 4 of them are at most 3.6 %.
                double tolerance = 4 * Math.Sqrt(0.8 / w.numel());
                Assert.InRange(variance / spec.WeightVariance(k), 1 - tolerance, 1 + tolerance);
                Assert.True(w.abs().max().AsDouble() <= spec.WeightBound(k));
                Assert.Equal(0, network.Layers[k - 1].bias!.abs().max().AsDouble());
            }
        }
    }

    [Theory]
    [InlineData("tanh", GlorotScheme.Standard)]
    [InlineData("tanh", GlorotScheme.Normalised)]
    [InlineData("softsign", GlorotScheme.Standard)]
    [InlineData("softsign", GlorotScheme.Normalised)]
    public void LayerToLayerVarianceRatios_MatchTheLinearTheory_ForSmallInputs(string activationName, GlorotScheme scheme)
    {
        // Inputs of variance 1e-6 keep every pre-activation below about 1e-3 in size, where tanh(u) = u(1 − u²/3 + …) and
        // softsign(u) = u(1 − |u| + …) are linear to 1e-3 or better, and the logits' softmax is uniform to 1e-3.
        const int networks = 8, examples = 200, width = 500;
        var spec = Spec(scheme, Activations.ByName(activationName), width);
        using var generator = new Generator(11);
        var forward = new double[networks][];
        var backward = new double[networks][];
        using var small = 1e-3.ToScalar();
        for (int r = 0; r < networks; r++)
        {
            using var scope = NewDisposeScope();
            using var network = spec.Build(generator);
            var x = randn([examples, 40], dtype: ScalarType.Float64, generator: generator) * small;
            var labels = randint(0, 10, [examples], generator: generator);
            var signals = LayerSignals.Of(network, x, labels);
            double[] z = [x.var().AsDouble(), .. signals.Activations.Select(Variance)];
            double[] g = [.. signals.Gradients.Select(Variance)];
            forward[r] = [.. Enumerable.Range(1, 5).Select(k => z[k] / z[k - 1])];
            backward[r] = [.. Enumerable.Range(1, 5).Select(k => g[k - 1] / g[k])];
        }
        for (int k = 1; k <= 5; k++)
        {
            // Given the layer below, the expected ratio is exactly n_in Var[W] (forward) or n_out Var[W] of the layer above
            // (backward); networks differ by a few per cent at width 500, so the mean of 8 is checked within 4 standard
            // errors across them, and the standard error must itself be small for the check to mean something.
            AssertWithinFourStandardErrors(forward.Select(f => f[k - 1]).ToArray(), spec.ForwardFactor(k), $"forward ratio into layer {k}");
            AssertWithinFourStandardErrors(backward.Select(b => b[k - 1]).ToArray(), spec.BackwardFactor(k + 1), $"backward ratio from layer {k + 1} to {k}");
        }
    }

    private static void AssertWithinFourStandardErrors(double[] samples, double theory, string what)
    {
        double mean = samples.Average();
        double error = Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / (samples.Length - 1) / samples.Length);
        Assert.True(error < 0.05 * theory, $"{what}: standard error {error:G3} against theory {theory:G4}");
        Assert.True(Math.Abs(mean - theory) <= 4 * error, $"{what}: measured {mean:G5} ± {error:G2}, theory {theory:G5}");
    }

    private static double Variance(double[] values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    private sealed class DoubleTolerance(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= relative * Math.Max(Math.Abs(a), Math.Abs(b));
        public int GetHashCode(double x) => 0;
    }
}
