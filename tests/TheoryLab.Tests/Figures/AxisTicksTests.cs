using TheoryLab.Figures;

namespace TheoryLab.Tests.Figures;

public class AxisTicksTests
{
    [Fact]
    public void For_LogAxisWithinADecade_LabelsRoundValuesNotFractionalPowers()
    {
        var ticks = AxisTicks.For(0.25, 0.98, log: true);
        Assert.Equal([0.3, 0.5, 0.7], ticks.Select(t => t.Value).Select(v => Math.Round(v, 12)));
        Assert.Equal(["0.3", "0.5", "0.7"], ticks.Select(t => t.Text));
    }

    [Fact]
    public void For_LogAxisOverManyDecades_ThinsToAtMostSeven()
    {
        var ticks = AxisTicks.For(1e-12, 1e3, log: true);
        Assert.InRange(ticks.Count, AxisTicks.Fewest, AxisTicks.Most);
        Assert.Equal("10⁻¹²", ticks[0].Text);
        Assert.Equal("$10^{-12}$", ticks[0].Latex);
    }

    [Theory]
    [InlineData(0.5, 2.5, new[] { 1.0, 2.0 })]
    [InlineData(0.5, 4.5, new[] { 1.0, 2.0, 3.0, 4.0 })]
    [InlineData(0.5, 12.5, new[] { 2.0, 4.0, 6.0, 8.0, 10.0, 12.0 })]
    [InlineData(0.6, 1.4, new[] { 1.0 })]
    public void For_AnAxisOfIndices_TicksWholeNumbersOnly(double low, double high, double[] expected)
    {
        var ticks = AxisTicks.For(low, high, log: false, wholeNumbers: true);
        Assert.Equal(expected, ticks.Select(t => t.Value));
        Assert.All(ticks, t => Assert.DoesNotContain(".", t.Text));
    }

    [Fact]
    public void For_TwoLayersWithoutWholeNumbers_TicksHalves()
    {
        // The fault the whole-number option mends: two heatmap rows (0.5 to 2.5) ticked 0.5, 1.0, 1.5, ….
        Assert.Contains(1.5, AxisTicks.For(0.5, 2.5, log: false).Select(t => t.Value));
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(-0.005, 0.4, false)]
    [InlineData(0.97, 1, false)]
    [InlineData(451, 455, false)]
    [InlineData(-3e4, 2e5, false)]
    [InlineData(225.5, 910, true)]
    [InlineData(0.011, 9.9, true)]
    [InlineData(1, 1.4, true)]
    [InlineData(3e-7, 2e-2, true)]
    public void For_AnyRange_GivesThreeToSevenTicksInsideIt(double low, double high, bool log)
    {
        var ticks = AxisTicks.For(low, high, log);
        Assert.InRange(ticks.Count, AxisTicks.Fewest, AxisTicks.Most);
        Assert.All(ticks, t => Assert.InRange(t.Value, low - 1e-9 * Math.Abs(low), high + 1e-9 * Math.Abs(high)));
    }

    [Fact]
    public void Minor_FillsTheDecadesBetweenMajorTicks_WithoutRepeatingThem()
    {
        var major = AxisTicks.For(1, 100, log: true);
        var minor = AxisTicks.Minor(1, 100, major);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 20, 30, 40, 50, 60, 70, 80, 90], minor.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void At_LabelsEachValueWithTheDecimalsThatNameIt()
    {
        var ticks = AxisTicks.At([0.001, 0.01, 0.25, 1, 10]);

        Assert.Equal([0.001, 0.01, 0.25, 1, 10], ticks.Select(t => t.Value));
        Assert.Equal(["0.001", "0.01", "0.25", "1", "10"], ticks.Select(t => t.Text));
    }
}
