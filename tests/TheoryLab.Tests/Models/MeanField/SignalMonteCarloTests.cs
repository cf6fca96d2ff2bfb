using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.MeanField;

/// <summary>One Monte-Carlo measurement on 16 random tanh networks of width 1000, shared by the tests below.</summary>
public sealed class TanhNetworksMeasurement
{
    public const int Width = 1000, Depth = 6, Networks = 16;
    public static readonly MlpSpec Spec = new(Activations.Tanh, 2.5, 0.05, Depth, Width);
    public static readonly double[] Lengths = [0.1, 4];
    public static readonly double[] Correlations = [0.2, 0.9];
    public const double PairLength = 0.4;

    public TanhNetworksMeasurement()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(11);
        Result = SignalMonteCarlo.Measure(Spec, Lengths, Correlations, PairLength, Networks, generator);
    }

    public SignalMeasurement Result { get; }
}

public class SignalMonteCarloTests(TanhNetworksMeasurement measurement) : IClassFixture<TanhNetworksMeasurement>
{
    private static readonly MeanFieldMaps Maps = TanhNetworksMeasurement.Spec.MeanField();

    [Fact]
    public void Inputs_HaveExactlyTheRequestedLengthsAndCorrelations()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var x = SignalMonteCarlo.Inputs(500, [0.3, 2], [0.75], 1.5, generator);
        var lengths = x.Squared().mean([1]).data<double>().ToArray();
        Assert.Equal([0.3, 2, 1.5, 1.5], lengths.Select(v => Math.Round(v, 12)));
        double cosine = ((x[2] * x[3]).sum() / (x[2].norm() * x[3].norm())).AsDouble();
        Assert.Equal(0.75, cosine, 12);
    }

    [Fact]
    public void Lengths_FollowTheLengthMap_WithinFourStandardErrorsOfWidthSampling()
    {
        // Given layer l − 1, the N pre-activations of layer l are i.i.d. N(0, q̃) with q̃ = σ_w² mean φ(h)² + σ_b², so
        // q̂ has variance 2q²/N around q̃, q̃ has variance σ_w⁴ Var φ(u)²/N around the map, and earlier errors pass through
        // with the map's slope: V_l = 2q_l²/N + σ_w⁴ Var φ²/N + (dq^l/dq^{l−1})² V_{l−1}, to first order in 1/N.
        const int n = TanhNetworksMeasurement.Width;
        var rule = GaussianQuadrature.Piecewise([]);
        for (int k = 0; k < TanhNetworksMeasurement.Lengths.Length; k++)
        {
            var (q, _) = Maps.Propagate(TanhNetworksMeasurement.Lengths[k], 1, TanhNetworksMeasurement.Depth);
            double variance = 2 * q[0] * q[0] / n;
            for (int l = 0; l < q.Length; l++)
            {
                if (l > 0)
                {
                    double r = Math.Sqrt(q[l - 1]);
                    double second = rule.Sum(z => Math.Pow(Math.Tanh(r * z), 2)), fourth = rule.Sum(z => Math.Pow(Math.Tanh(r * z), 4));
                    double slope = Maps.LengthMapSlope(q[l - 1]);
                    variance = 2 * q[l] * q[l] / n + Math.Pow(Maps.SigmaW2, 2) * (fourth - second * second) / n + slope * slope * variance;
                }
                double standardError = Math.Sqrt(variance / TanhNetworksMeasurement.Networks);
                double measured = measurement.Result.Q[k][l];
                Assert.True(Math.Abs(measured - q[l]) <= 4 * standardError,
                    $"q⁰ = {TanhNetworksMeasurement.Lengths[k]}, layer {l + 1}: measured {measured:F4}, theory {q[l]:F4}, standard error {standardError:F4}");
            }
        }
    }

    [Fact]
    public void Correlations_FollowTheCorrelationMap_WithinFourAndAHalfStandardErrors()
    {
        // Standard errors across 16 independent networks; each must itself be of the 1/√(N·networks) size sampling predicts.
        double scale = 1 / Math.Sqrt(TanhNetworksMeasurement.Width * TanhNetworksMeasurement.Networks);
        for (int m = 0; m < TanhNetworksMeasurement.Correlations.Length; m++)
        {
            var (_, c) = Maps.Propagate(TanhNetworksMeasurement.PairLength, TanhNetworksMeasurement.Correlations[m], TanhNetworksMeasurement.Depth);
            for (int l = 0; l < c.Length; l++)
            {
                double measured = measurement.Result.C[m][l], error = measurement.Result.CError[m][l];
                Assert.True(error < 3 * scale, $"standard error {error:F4} is beyond the sampling scale {scale:F4}");
                Assert.True(Math.Abs(measured - c[l]) <= 4.5 * error,
                    $"c⁰ = {TanhNetworksMeasurement.Correlations[m]}, layer {l + 1}: measured {measured:F4}, theory {c[l]:F4}, standard error {error:F4}");
            }
        }
    }

    [Fact]
    public void JacobianSquaredSingularValues_AverageToChi1AtEachInputsLength()
    {
        var inputs = TanhNetworksMeasurement.Lengths
            .Concat(Enumerable.Repeat(TanhNetworksMeasurement.PairLength, 2 * TanhNetworksMeasurement.Correlations.Length)).ToArray();
        var trajectories = inputs.Select(q0 => Maps.Propagate(q0, 1, TanhNetworksMeasurement.Depth).Q).ToArray();
        double scale = 1 / Math.Sqrt(TanhNetworksMeasurement.Width * TanhNetworksMeasurement.Networks);
        for (int l = 0; l < TanhNetworksMeasurement.Depth - 1; l++)
        {
            double theory = trajectories.Average(q => Maps.Chi1At(q[l]));
            double measured = measurement.Result.Chi1[l], error = measurement.Result.Chi1Error[l];
            Assert.True(error < 3 * scale * theory, $"standard error {error:F4} is beyond the sampling scale");
            Assert.True(Math.Abs(measured - theory) <= 4.5 * error, $"layer {l + 1}: measured {measured:F4}, theory {theory:F4}, standard error {error:F4}");
        }
        Assert.True(double.IsNaN(measurement.Result.Chi1[^1]));
    }
}
