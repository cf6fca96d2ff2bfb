using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.8)]
    [InlineData(2.0)]
    [InlineData(2.49)]
    [InlineData(2.51)]
    [InlineData(3.5)]
    public void Erf_EqualsTheIntegralOfTheGaussian(double x)
    {
        double integral = 2 / Math.Sqrt(Math.PI) * AdaptiveSimpson.Integrate(t => Math.Exp(-t * t), 0, x, 1e-15);
        Assert.True(Math.Abs(SpecialFunctions.Erf(x) - integral) <= 1e-14, $"erf({x}) = {SpecialFunctions.Erf(x):R}, integral {integral:R}");
        Assert.Equal(-SpecialFunctions.Erf(x), SpecialFunctions.Erf(-x));
    }

    [Theory]
    [InlineData(2.6)]
    [InlineData(4.0)]
    [InlineData(6.0)]
    public void Erfc_InTheTail_KeepsItsRelativeAccuracy(double x)
    {
        // erfc(x) = (2/√π) e^{−x²} ∫₀^∞ e^{−s² − 2xs} ds: the rescaled integrand is of order 1, so an absolute tolerance suffices.
        double tail = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * AdaptiveSimpson.Integrate(s => Math.Exp(-s * s - 2 * x * s), 0, 12, 1e-15);
        Assert.True(Math.Abs(SpecialFunctions.Erfc(x) - tail) <= 1e-12 * tail, $"erfc({x}) = {SpecialFunctions.Erfc(x):R}, integral {tail:R}");
    }

    [Fact]
    public void NormalCdf_HasItsTabulatedValues()
    {
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0), 15);
        Assert.Equal(0.9750021048517795, SpecialFunctions.NormalCdf(1.96), 14);
        Assert.Equal(1 - 0.9750021048517795, SpecialFunctions.NormalCdf(-1.96), 14);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(5.0, 3.1780538303479458)] // ln 4!
    [InlineData(0.5, 0.5723649429247001)] // ln √π
    [InlineData(7.3, 7.147892523022249)] // SciPy 1.10 gammaln
    [InlineData(150.5, 602.5139548705853)]
    public void LogGamma_MatchesKnownValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), Math.Max(1e-13, 1e-14 * expected));

    [Theory]
    [InlineData(0.5, 3.5, 0.2, 0.7725471819402369)] // SciPy 1.10 betainc
    [InlineData(2, 3, 0.4, 0.5248)]
    [InlineData(10, 0.5, 0.9, 0.15164090963470997)]
    [InlineData(30, 40, 0.45, 0.6447480085585666)]
    [InlineData(1, 1, 0.3, 0.3)]
    public void RegularizedIncompleteBeta_MatchesReferenceValues(double a, double b, double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.RegularizedIncompleteBeta(a, b, x), 1e-12);

    [Theory]
    [InlineData(2.0, 3.0, 0.7)]
    [InlineData(4.5, 1.5, 0.35)]
    public void RegularizedIncompleteBeta_EqualsTheIntegralOfTheBetaDensity(double a, double b, double x)
    {
        double logBeta = SpecialFunctions.LogGamma(a) + SpecialFunctions.LogGamma(b) - SpecialFunctions.LogGamma(a + b);
        double integral = AdaptiveSimpson.Integrate(t => Math.Pow(t, a - 1) * Math.Pow(1 - t, b - 1), 0, x, 1e-14) / Math.Exp(logBeta);
        Assert.Equal(integral, SpecialFunctions.RegularizedIncompleteBeta(a, b, x), 1e-11);
    }
}
