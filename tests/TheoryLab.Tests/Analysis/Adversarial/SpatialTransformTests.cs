using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// Closed forms of the rotation-and-translation resampling: the identity leaves an image as it is, an integer
/// translation is an exact shift of the pixels with zeros filled in, and a rotation by 90° about the centre of a
/// square image is its transpose flipped upside down (numpy's rot90: the content turns anticlockwise as displayed).
/// </summary>
public class SpatialTransformTests
{
    public SpatialTransformTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void TheIdentity_LeavesTheImages_ToFloatPrecision()
    {
        var images = Uniform(1, 3, 2, 9, 7).to(float32);
        double difference = SpatialTransform.Apply(images, 0, 0, 0).sub(images).abs().max().AsDouble();
        Assert.True(difference < 1e-6, $"the identity moved a pixel by {difference}");
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, -3)]
    [InlineData(-1, 2)]
    [InlineData(4, 5)]
    public void AnIntegerTranslation_ShiftsThePixels_WithZeroFill(int dx, int dy)
    {
        const int H = 8, W = 10;
        var images = Uniform(2, 2, 1, H, W);
        var moved = SpatialTransform.Apply(images, 0, dx, dy);
        var expected = zeros_like(images);
        for (int r = 0; r < H; r++)
            for (int c = 0; c < W; c++)
                if (r - dy is >= 0 and < H && c - dx is >= 0 and < W)
                    expected[.., .., r, c] = images[.., .., r - dy, c - dx];
        double difference = moved.sub(expected).abs().max().AsDouble();
        Assert.True(difference < 1e-12, $"({dx}, {dy}) differs from the shifted image by {difference}");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void ARotationBy90Degrees_IsTheFlippedTranspose(int side)
    {
        var images = Uniform(3, 2, 1, side, side);
        var turned = SpatialTransform.Apply(images, 90, 0, 0);
        var expected = images.transpose(2, 3).flip(2);
        Assert.True(turned.sub(expected).abs().max().AsDouble() < 1e-12, "90° is not rot90");
        Assert.True(turned.sub(rot90(images, 1, (2, 3))).abs().max().AsDouble() < 1e-12, "90° is not torch's rot90");
        Assert.True(SpatialTransform.Apply(images, -90, 0, 0).sub(rot90(images, -1, (2, 3))).abs().max().AsDouble() < 1e-12, "−90° is not rot90 backwards");
    }

    [Fact]
    public void EachExample_TakesItsOwnRow()
    {
        var images = Uniform(4, 3, 1, 6, 6);
        var rows = tensor(new double[] { 90, 0, 0, 0, 1, 0, 0, 0, 0 }, [3, 3], dtype: float64);
        var moved = SpatialTransform.Apply(images, rows);
        for (int n = 0; n < 3; n++)
        {
            var alone = SpatialTransform.Apply(images[n..(n + 1)], rows[n, 0].AsDouble(), rows[n, 1].AsDouble(), rows[n, 2].AsDouble());
            Assert.True(moved[n..(n + 1)].sub(alone).abs().max().AsDouble() < 1e-15, $"example {n} was moved by another's row");
        }
    }
}
