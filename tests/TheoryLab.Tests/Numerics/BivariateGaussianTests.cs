using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class BivariateGaussianTests
{
    private static readonly QuadratureRule Panels = GaussianQuadrature.Piecewise([]);

    [Theory]
    [InlineData(0.5, 1.5, 0.3)]
    [InlineData(2.0, 2.0, 0.9)]
    [InlineData(1.0, 0.2, -0.6)]
    public void ErfPair_MatchesTheArcsineKernel(double q1, double q2, double c)
    {
        // Williams (1997): E[erf(u₁) erf(u₂)] = (2/π) arcsin(2Σ₁₂ / √((1 + 2Σ₁₁)(1 + 2Σ₂₂))).
        double exact = 2 / Math.PI * Math.Asin(2 * c * Math.Sqrt(q1 * q2) / Math.Sqrt((1 + 2 * q1) * (1 + 2 * q2)));
        double value = BivariateGaussian.Expect(SpecialFunctions.Erf, SpecialFunctions.Erf, q1, q2, c, Panels);
        Assert.True(Math.Abs(value - exact) <= 1e-10 * Math.Abs(exact), $"{value:R} vs {exact:R}");
    }

    [Fact]
    public void ErfOfScaledInputs_MatchesTheArcsineKernel()
    {
        // E[erf(a z) erf(b z)] for one z: q₁ = a², q₂ = b², c = 1 gives (2/π) arcsin(2ab / √((1 + 2a²)(1 + 2b²))).
        const double a = 0.7, b = 1.9;
        double exact = 2 / Math.PI * Math.Asin(2 * a * b / Math.Sqrt((1 + 2 * a * a) * (1 + 2 * b * b)));
        double oneDimensional = Panels.Sum(z => SpecialFunctions.Erf(a * z) * SpecialFunctions.Erf(b * z));
        double twoDimensional = BivariateGaussian.Expect(SpecialFunctions.Erf, SpecialFunctions.Erf, a * a, b * b, 1, Panels);
        Assert.Equal(exact, oneDimensional, 12);
        Assert.Equal(exact, twoDimensional, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    [InlineData(-0.7)]
    public void ReluPair_SplitAtTheKinks_MatchesTheArcCosineKernel(double c)
    {
        // Cho & Saul (2009): E[relu(u₁) relu(u₂)] = √(q₁q₂)/(2π) (√(1 − c²) + (π − arccos c) c); E[step step] = (π − arccos c)/(2π).
        const double q1 = 1.3, q2 = 0.7;
        double kernel = Math.Sqrt(q1 * q2) / (2 * Math.PI) * (Math.Sqrt(1 - c * c) + (Math.PI - Math.Acos(c)) * c);
        double steps = (Math.PI - Math.Acos(c)) / (2 * Math.PI);
        Func<double, double> relu = u => Math.Max(0, u), step = u => u > 0 ? 1 : 0;
        double value = BivariateGaussian.ExpectPiecewise(relu, relu, q1, q2, c, [0], [0], 12);
        double stepValue = BivariateGaussian.ExpectPiecewise(step, step, q1, q2, c, [0], [0], 12);
        Assert.True(Math.Abs(value - kernel) <= 1e-10 * kernel, $"c = {c}: {value:R} vs {kernel:R}");
        Assert.True(Math.Abs(stepValue - steps) <= 1e-10 * steps, $"c = {c}: {stepValue:R} vs {steps:R}");
    }

    [Fact]
    public void TanhPair_AgreesWithNestedAdaptiveSimpsonTo1e8()
    {
        const double q = 1.2, c = 0.45;
        double s = Math.Sqrt(1 - c * c), r = Math.Sqrt(q);
        double Inner(double z1) => AdaptiveSimpson.Integrate(
            z2 => Math.Tanh(r * (c * z1 + s * z2)) * SpecialFunctions.NormalPdf(z2), -9, 9, 1e-14);
        double simpson = AdaptiveSimpson.Integrate(z1 => Math.Tanh(r * z1) * SpecialFunctions.NormalPdf(z1) * Inner(z1), -9, 9, 1e-10);
        double product = BivariateGaussian.Expect(Math.Tanh, Math.Tanh, q, q, c, Panels);
        Assert.True(Math.Abs(product - simpson) <= 1e-8 * simpson, $"{product:R} vs {simpson:R}");
    }

    [Fact]
    public void Expect_RefusesACorrelationOutsideMinusOneToOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BivariateGaussian.Expect(Math.Tanh, Math.Tanh, 1, 1, 1.01, Panels));
    }
}
