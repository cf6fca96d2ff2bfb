using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class GaussLegendreTests
{
    [Fact]
    public void NPointRule_IntegratesPolynomialsOfDegree2nMinus1Exactly()
    {
        const int n = 12;
        var rule = GaussLegendre.UnitInterval(n);
        for (int degree = 0; degree < 2 * n; degree++)
        {
            double exact = degree % 2 == 1 ? 0 : 2.0 / (degree + 1);
            Assert.Equal(exact, rule.Sum(t => Math.Pow(t, degree)), 13);
        }
    }

    [Fact]
    public void Integrate_OfSineOverHalfAPeriod_Is2()
    {
        Assert.Equal(2.0, GaussLegendre.Integrate(Math.Sin, 0, Math.PI, 20), 14);
    }
}
