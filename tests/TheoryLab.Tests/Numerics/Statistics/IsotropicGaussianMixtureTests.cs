using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Statistics;

public class IsotropicGaussianMixtureTests
{
    private static readonly IsotropicGaussianMixture ThreeDimensional = new([[0, 0, 0], [1, -1, 2], [-0.5, 0.5, 0.3]], 0.7);

    [Fact]
    public void LogDensity_InThreeDimensions_IsTheLogOfTheDirectSumOfGaussians()
    {
        double[] x = [0.4, -0.2, 1.1];
        double direct = new double[][] { [0, 0, 0], [1, -1, 2], [-0.5, 0.5, 0.3] }.Sum(m =>
            Math.Exp(-x.Zip(m, (a, b) => (a - b) * (a - b)).Sum() / (2 * 0.7)) / Math.Pow(2 * Math.PI * 0.7, 1.5)) / 3;
        Assert.Equal(Math.Log(direct), ThreeDimensional.LogDensity(x), 12);
    }

    [Fact]
    public void Score_IsTheGradientOfTheLogDensity_ByCentralDifferences()
    {
        double[] x = [0.4, -0.2, 1.1];
        var score = new double[3];
        ThreeDimensional.Score(x, score);
        const double h = 1e-5;
        for (int j = 0; j < 3; j++)
        {
            double[] up = [.. x], down = [.. x];
            up[j] += h;
            down[j] -= h;
            Assert.Equal((ThreeDimensional.LogDensity(up) - ThreeDimensional.LogDensity(down)) / (2 * h), score[j], 7);
        }
    }

    [Fact]
    public void FarFromEveryMode_TheLogDensityIsFinite_AndTheScorePointsBackToTheNearestMode()
    {
        var line = new IsotropicGaussianMixture([[-1], [1]], 1e-4);
        double[] far = [50];
        Assert.Equal(-(49.0 * 49.0) / 2e-4 - Math.Log(2) - 0.5 * Math.Log(2 * Math.PI * 1e-4), line.LogDensity(far), 6);
        var score = new double[1];
        line.Score(far, score);
        Assert.Equal(-49 / 1e-4, score[0], 6);
    }
}
