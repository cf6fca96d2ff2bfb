using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class FisherFTests
{
    [Theory]
    [InlineData(1, 10, 4.9646027437307145)] // SciPy 1.10 f.ppf(0.95, d1, d2)
    [InlineData(1, 84, 3.9545684075892304)]
    [InlineData(2, 81, 3.109310547497158)]
    [InlineData(3, 20, 3.09839121214078)]
    public void Quantile95_MatchesReferenceValues(int d1, int d2, double expected) =>
        Assert.Equal(expected, FisherF.Quantile(0.95, d1, d2), 1e-9);

    [Theory]
    [InlineData(3.1, 2, 81, 0.05043425672744558)] // SciPy 1.10 f.sf(x, d1, d2)
    [InlineData(0.7, 1, 84, 0.40515759086370295)]
    [InlineData(12.0, 2, 40, 8.271806125530277e-05)]
    public void Survival_MatchesReferenceValues(double x, int d1, int d2, double expected) =>
        Assert.Equal(expected, FisherF.Survival(x, d1, d2), expected * 1e-10);

    [Fact]
    public void MedianOfFOneOne_IsOne_AndCdfAndSurvivalAddToOne()
    {
        // F(1, ν) is t(ν)²: with ν = 1 (Cauchy), P(|t| ≤ 1) = ½, so the F median is 1. The two tails are computed
        // through different arguments of I_x, so their sum checks the continued fraction's symmetry.
        Assert.Equal(1.0, FisherF.Quantile(0.5, 1, 1), 1e-10);
        Assert.Equal(1.0, FisherF.Cdf(2.7, 3, 11) + FisherF.Survival(2.7, 3, 11), 1e-14);
    }
}
