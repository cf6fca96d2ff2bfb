using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class ShallowReluTests
{
    [Fact]
    public void FromFunction_ReproducesContinuousFunctionsExactly_WithOneUnitPerKnotPlusOneForTheSlope()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 100; trial++)
        {
            var f = PiecewiseLinearFunctionTests.RandomFunction(random, random.Next(1, 12));
            var net = ShallowRelu.FromFunction(f);
            Assert.Equal(f.PieceCount, net.MaxWidth);
            Assert.Equal(f.PieceCount, ShallowRelu.Width(f));
            Assert.True(LinearPieces.Function(net, 0, 1).SupDistance(f) < RoundingScale(f));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FromFunction_SavesTheSlopeUnit_WhenAnEndPieceIsFlat(bool flatFirst)
    {
        var random = new Random(flatFirst ? 2 : 3);
        for (int trial = 0; trial < 50; trial++)
        {
            int pieces = random.Next(2, 10);
            var xs = Enumerable.Range(0, pieces - 1).Select(_ => random.NextDouble()).Order().Prepend(0).Append(1).ToArray();
            var ys = xs.Select(_ => random.NextDouble()).ToArray();
            if (flatFirst) ys[0] = ys[1]; else ys[^1] = ys[^2];
            var f = PiecewiseLinearFunction.Interpolating(xs, ys);
            var net = ShallowRelu.FromFunction(f);
            Assert.Equal(pieces - 1, net.MaxWidth);
            Assert.True(LinearPieces.Function(net, 0, 1).SupDistance(f) < RoundingScale(f));
        }
    }

    [Fact]
    public void Width_OfTheSawtooth_Is2ToTheK()
    {
        for (int k = 1; k <= 12; k++) Assert.Equal(1 << k, ShallowRelu.Width(TentMap.Exact(k, 0, 1)));
    }

    [Fact]
    public void ParameterCount_IsThreeMPlusOne_AsTheNetworkHas()
    {
        var f = PiecewiseLinearFunctionTests.RandomFunction(new Random(5), 9);
        var net = ShallowRelu.FromFunction(f);
        Assert.Equal(net.ParameterCount, ShallowRelu.ParameterCount(net.MaxWidth));
    }

    /// <summary>Units of a shallow network add terms as large as the steepest slope: rounding scales with it.</summary>
    private static double RoundingScale(PiecewiseLinearFunction f) => 1e-13 * f.Slopes.Sum(Math.Abs) + 1e-14;
}
