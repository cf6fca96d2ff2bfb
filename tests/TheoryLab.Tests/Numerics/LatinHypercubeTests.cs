using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

/// <summary>Latin hypercube samples put exactly one point in each stratum of every coordinate, inside the box.</summary>
public class LatinHypercubeTests
{
    [Fact]
    public void Sample_PutsOnePointInEachStratumOfEveryCoordinate()
    {
        const int n = 97;
        double[] lower = [0, -1, 5], upper = [1, 1, 5.5];
        var points = LatinHypercube.Sample(n, lower, upper, new Random(3));
        for (int d = 0; d < lower.Length; d++)
        {
            var strata = Enumerable.Range(0, n).Select(p => (int)Math.Floor((points[p, d] - lower[d]) / (upper[d] - lower[d]) * n)).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, n), strata);
        }
    }

    [Fact]
    public void Sample_PairsTheCoordinatesDifferentlyFromOneSeedToAnother()
    {
        var a = LatinHypercube.Sample(50, [0, 0], [1, 1], new Random(1));
        var b = LatinHypercube.Sample(50, [0, 0], [1, 1], new Random(2));
        var again = LatinHypercube.Sample(50, [0, 0], [1, 1], new Random(1));
        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
    }
}
