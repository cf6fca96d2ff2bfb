using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class GaussianQuadratureTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(7.0)]
    [InlineData(20.0)]
    public void PanelRule_ForTanhSquared_AgreesWithAdaptiveSimpsonTo1e9(double q)
    {
        double Integrand(double z) => Math.Pow(Math.Tanh(Math.Sqrt(q) * z), 2);
        double simpson = AdaptiveSimpson.Integrate(z => Integrand(z) * SpecialFunctions.NormalPdf(z), -12, 12, 1e-15);
        double panels = GaussianQuadrature.Piecewise([]).Sum(Integrand);
        Assert.True(Math.Abs(panels - simpson) <= 1e-9 * simpson, $"q = {q}: panels {panels:R}, Simpson {simpson:R}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(9.0)]
    public void ReluSquared_SplitAtTheKink_IsHalfOfQ(double q)
    {
        double r = Math.Sqrt(q);
        double value = GaussianQuadrature.Piecewise([0]).Sum(z => Math.Pow(Math.Max(0, r * z), 2));
        Assert.Equal(q / 2, value, 13);
    }

    [Fact]
    public void ExpectPiecewise_AgreesWithThePiecewiseRule()
    {
        // P(z < 0.7) with a jump at 0.7: splitting there makes the step exact on each piece.
        double expected = SpecialFunctions.NormalCdf(0.7);
        Assert.Equal(expected, GaussianQuadrature.ExpectPiecewise(z => z < 0.7 ? 1 : 0, [0.7]), 14);
        Assert.Equal(expected, GaussianQuadrature.Piecewise([0.7]).Sum(z => z < 0.7 ? 1 : 0), 14);
    }

    [Fact]
    public void Expect_WithGaussHermite_OfZToTheFourth_Is3()
    {
        Assert.Equal(3.0, GaussianQuadrature.Expect(z => z * z * z * z), 13);
    }
}
