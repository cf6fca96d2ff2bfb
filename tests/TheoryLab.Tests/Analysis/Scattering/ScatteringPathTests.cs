using TheoryLab.Analysis.Scattering;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Scattering;

public class ScatteringPathTests
{
    [Theory]
    [InlineData(1, 8, 2, 9)]
    [InlineData(2, 1, 2, 4)]
    [InlineData(2, 4, 2, 25)]
    [InlineData(3, 6, 2, 127)]
    [InlineData(4, 8, 2, 417)]
    [InlineData(3, 8, 1, 25)]
    public void Transform_HasOnePlusJLPlusLSquaredJTimesJMinusOneOverTwoChannels(int scales, int angles, int maxOrder, int channels)
    {
        int expected = 1 + scales * angles + (maxOrder == 2 ? angles * angles * scales * (scales - 1) / 2 : 0);
        Assert.Equal(channels, expected);
        Assert.Equal(expected, ScatteringPath.ChannelCount(scales, angles, maxOrder));

        int size = 2 << scales;
        using var scattering = new Scattering2D(scales, angles, maxOrder, size, size);
        using var images = zeros(1, size, size);
        using var coefficients = scattering.Transform(images);
        Assert.Equal(expected, scattering.Paths.Count);
        Assert.Equal(expected, coefficients.shape[1]);
    }

    [Fact]
    public void All_ListsOrderZeroThenOrderOneThenOrderTwo_InKymatiosOrder()
    {
        var paths = ScatteringPath.All(scales: 3, angles: 2, maxOrder: 2);
        ScatteringPath[] expected =
        [
            new(0, -1, -1, -1, -1),
            new(1, 0, 0, -1, -1), new(1, 0, 1, -1, -1), new(1, 1, 0, -1, -1), new(1, 1, 1, -1, -1), new(1, 2, 0, -1, -1), new(1, 2, 1, -1, -1),
            new(2, 0, 0, 1, 0), new(2, 0, 0, 1, 1), new(2, 0, 0, 2, 0), new(2, 0, 0, 2, 1),
            new(2, 0, 1, 1, 0), new(2, 0, 1, 1, 1), new(2, 0, 1, 2, 0), new(2, 0, 1, 2, 1),
            new(2, 1, 0, 2, 0), new(2, 1, 0, 2, 1),
            new(2, 1, 1, 2, 0), new(2, 1, 1, 2, 1),
        ];
        Assert.Equal(expected, paths);
    }
}
