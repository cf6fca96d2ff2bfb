using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;

namespace TheoryLab.Tests.Models.MeanField;

/// <summary>The quadrature path of <see cref="GaussianIntegrals"/> (closed forms switched off) against each closed form.</summary>
public class GaussianIntegralsTests
{
    private static readonly double[] Lengths = [0.05, 0.7, 2.5, 8];
    private static readonly double[] Correlations = [-0.4, 0, 0.6, 0.95, 0.9999];

    public static TheoryData<string> WithClosedForms => ["relu", "erf", "linear", "hard-tanh"];

    [Theory]
    [MemberData(nameof(WithClosedForms))]
    public void OneDimensionalQuadrature_MatchesTheClosedForms(string name)
    {
        var activation = Activations.ByName(name);
        var closed = activation.ClosedForms!;
        var numeric = new GaussianIntegrals(activation, useClosedForms: false);
        foreach (double q in Lengths)
        {
            AssertClose(closed.SecondMoment!(q), numeric.SecondMoment(q), $"{name} E[φ²] at q = {q}");
            AssertClose(closed.SecondMomentSlope!(q), numeric.SecondMomentSlope(q), $"{name} dE[φ²]/dq at q = {q}");
            AssertClose(closed.DerivativeSecondMoment!(q), numeric.DerivativeSecondMoment(q), $"{name} E[φ′²] at q = {q}");
        }
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("erf")]
    [InlineData("linear")]
    public void TwoDimensionalQuadrature_MatchesTheClosedKernels(string name)
    {
        var activation = Activations.ByName(name);
        var closed = activation.ClosedForms!;
        var numeric = new GaussianIntegrals(activation, useClosedForms: false);
        foreach (double q in Lengths)
            foreach (double c in Correlations)
            {
                double q2 = 1.3 * q;
                AssertClose(closed.Covariance!(q, q2, c), numeric.Covariance(q, q2, c), $"{name} E[φφ] at q = {q}, c = {c}", absolute: 1e-12);
                AssertClose(closed.DerivativeCovariance!(q, q2, c), numeric.DerivativeCovariance(q, q2, c), $"{name} E[φ′φ′] at q = {q}, c = {c}", absolute: 1e-12);
            }
    }

    [Fact]
    public void HardTanhPair_AtCorrelationOne_ReducesToItsClosedSecondMoments()
    {
        var integrals = new GaussianIntegrals(Activations.HardTanh);
        foreach (double q in Lengths)
        {
            AssertClose(integrals.SecondMoment(q), integrals.Covariance(q, q, 1), $"E[φ(u)φ(u)] at q = {q}");
            AssertClose(integrals.DerivativeSecondMoment(q), integrals.DerivativeCovariance(q, q, 1), $"E[φ′(u)φ′(u)] at q = {q}");
        }
    }

    [Fact]
    public void HardTanhDerivativePair_IsTheProbabilityOfARectangle()
    {
        // E[1{|u₁|<1} 1{|u₂|<1}] at c = 0 factorises into P(|u₁|<1) P(|u₂|<1).
        var integrals = new GaussianIntegrals(Activations.HardTanh);
        const double q1 = 0.8, q2 = 2.2;
        double inside1 = SpecialFunctions.Erf(1 / Math.Sqrt(2 * q1)), inside2 = SpecialFunctions.Erf(1 / Math.Sqrt(2 * q2));
        AssertClose(inside1 * inside2, integrals.DerivativeCovariance(q1, q2, 0), "rectangle probability");
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(4.0)]
    public void DerivativeFreeSlope_EqualsSchoenholzForm_ChiPlusPhiTimesSecondDerivative(double q)
    {
        // Schoenholz et al.: dq^l/dq^{l−1} = σ_w² ∫Dz [φ′(√q z)² + φ(√q z) φ″(√q z)]; for tanh φ″ = −2 tanh (1 − tanh²).
        double r = Math.Sqrt(q);
        double paperForm = GaussianQuadrature.Piecewise([]).Sum(z =>
        {
            double t = Math.Tanh(r * z), d = 1 - t * t;
            return d * d + t * (-2 * t * d);
        });
        AssertClose(paperForm, new GaussianIntegrals(Activations.Tanh).SecondMomentSlope(q), $"slope at q = {q}", relative: 1e-11);
    }

    [Fact]
    public void CustomActivation_WithNumericalDerivative_ReproducesTanhTo1e8()
    {
        var custom = Activation.Custom("my-tanh", Math.Tanh);
        Assert.True(custom.DerivativeIsNumerical);
        var numeric = new GaussianIntegrals(custom);
        var exact = new GaussianIntegrals(Activations.Tanh);
        AssertClose(exact.DerivativeSecondMoment(1.3), numeric.DerivativeSecondMoment(1.3), "E[φ′²]", relative: 1e-8);
        AssertClose(exact.DerivativeCovariance(1.3, 1.3, 0.4), numeric.DerivativeCovariance(1.3, 1.3, 0.4), "E[φ′φ′]", relative: 1e-8);
    }

    [Fact]
    public void CustomKinkedActivation_LeakyRelu_MatchesItsClosedSecondMoment()
    {
        // Leaky ReLU with slope a below 0: E[φ(u)²] = q (1 + a²)/2 and E[φ′(u)²] = (1 + a²)/2.
        const double a = 0.2, q = 1.7;
        var leaky = Activation.Custom("leaky-relu", u => u > 0 ? u : a * u, u => u > 0 ? 1 : a, kinks: [0]);
        var integrals = new GaussianIntegrals(leaky);
        AssertClose(q * (1 + a * a) / 2, integrals.SecondMoment(q), "E[φ²]", relative: 1e-13);
        AssertClose((1 + a * a) / 2, integrals.DerivativeSecondMoment(q), "E[φ′²]", relative: 1e-13);
    }

    private static void AssertClose(double expected, double actual, string what, double relative = 1e-9, double absolute = 0)
    {
        double tolerance = Math.Max(relative * Math.Abs(expected), absolute);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: quadrature {actual:R}, closed form {expected:R} (tolerance {tolerance:G2})");
    }
}
