using TheoryLab.Numerics.Fits;

namespace TheoryLab.Tests.Numerics.Fits;

public class LeastSquaresLineTests
{
    [Fact]
    public void PointsOnALine_GiveThatLine()
    {
        double[] x = [-1, 0, 0.5, 2, 7];
        var line = LeastSquaresLine.Fit(x, [.. x.Select(v => 2 * v + 3)]);
        Assert.Equal(2, line.Slope, 14);
        Assert.Equal(3, line.Intercept, 14);
    }

    [Fact]
    public void ScatteredPoints_GiveTheNormalEquationsSolution()
    {
        // The 2 × 2 normal equations [n Σx; Σx Σx²][b; a] = [Σy; Σxy] solved by Cramer's rule: a second method.
        var random = new Random(5);
        double[] x = [.. Enumerable.Range(0, 40).Select(_ => random.NextDouble() * 10)];
        double[] y = [.. x.Select(v => -0.7 * v + 1.5 + random.NextDouble() - 0.5)];
        double n = x.Length, sx = x.Sum(), sxx = x.Sum(v => v * v), sy = y.Sum(), sxy = x.Zip(y).Sum(p => p.First * p.Second);
        double determinant = n * sxx - sx * sx;
        var line = LeastSquaresLine.Fit(x, y);
        Assert.Equal((n * sxy - sx * sy) / determinant, line.Slope, 12);
        Assert.Equal((sxx * sy - sx * sxy) / determinant, line.Intercept, 12);
    }

    [Fact]
    public void XThatDoNotVary_HaveNoSlope()
    {
        Assert.True(double.IsNaN(LeastSquaresLine.Fit([4.0], [1.0]).Slope));
        Assert.True(double.IsNaN(LeastSquaresLine.Fit([2.0, 2.0], [1.0, 5.0]).Slope));
    }
}
