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
}
