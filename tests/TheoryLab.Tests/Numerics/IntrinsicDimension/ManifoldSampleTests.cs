using TheoryLab.Numerics.IntrinsicDimension;

namespace TheoryLab.Tests.Numerics.IntrinsicDimension;

public class ManifoldSampleTests
{
    [Fact]
    public void Sphere_WithoutNoise_HasUnitNormInEveryAmbientDimension()
    {
        var points = ManifoldSample.Draw(ManifoldKind.Sphere, 4, 200, 37, 0, new Random(1));
        Assert.All(points, p => Assert.Equal(1, Math.Sqrt(p.Sum(v => v * v)), 12));
        Assert.All(points, p => Assert.Equal(37, p.Length));
    }

    [Fact]
    public void Noise_AddsDSigmaSquaredToTheMeanSquaredNorm()
    {
        const double sigma = 0.05;
        var points = ManifoldSample.Draw(ManifoldKind.Sphere, 2, 4000, 50, sigma, new Random(2));
        double meanSquare = points.Average(p => p.Sum(v => v * v));
        // Var of a mean of 4000 χ²-like draws is small: 1% of the 0.125 excess is a 5σ band.
        Assert.Equal(1 + 50 * sigma * sigma, meanSquare, 0.01);
    }

    [Fact]
    public void Cube_IsAnIsometricCopy_SoPairDistancesStayBelowTheDiagonal()
    {
        var points = ManifoldSample.Draw(ManifoldKind.Cube, 3, 300, 10, 0, new Random(3));
        double largest = points.SelectMany(p => points.Select(q => PairwiseDistances.SquaredDistance(p, q))).Max();
        Assert.InRange(Math.Sqrt(largest), 1.2, Math.Sqrt(3) + 1e-12);
    }

    [Fact]
    public void AmbientDimensionBelowTheManifoldsCoordinates_IsRefusedWithAMessage()
    {
        var e = Assert.Throws<TheoryLabException>(() => ManifoldSample.Draw(ManifoldKind.Sphere, 5, 10, 4, 0, new Random(4)));
        Assert.Contains("raise it", e.Message);
    }
}
