using TheoryLab.Experiments;
using TheoryLab.Figures;

namespace TheoryLab.Tests.Figures;

public class PgfWriterTests
{
    private static Figure Scatter(bool log) =>
        new("points", "Two points.", new Axis("parameters", Log: log), new Axis("error"), [new Markers("t", "x", "y", "measured")]);

    [Fact]
    public void Write_NearlyEmptyLogRange_GetsLimitsAroundTheData()
    {
        var table = new Table("t").Add("x", [451, 455]).Add("y", [0.1, 0.2]);
        string tikz = PgfWriter.Write(Scatter(log: true), [table]);
        Assert.Contains("xmin=225.5", tikz);
        Assert.Contains("xmax=910", tikz);
    }

    [Fact]
    public void Write_WideRange_LeavesLimitsToPgfplots()
    {
        var table = new Table("t").Add("x", [10, 1000]).Add("y", [0.1, 0.2]);
        string tikz = PgfWriter.Write(Scatter(log: true), [table]);
        Assert.DoesNotContain("xmin=", tikz);
        Assert.DoesNotContain("ymin=", tikz);
    }

    [Fact]
    public void Write_SinglePointOnALinearAxis_GetsAUnitWindow()
    {
        var table = new Table("t").Add("x", [3]).Add("y", [0.5]);
        string tikz = PgfWriter.Write(Scatter(log: false), [table]);
        Assert.Contains("xmin=1.5", tikz);
        Assert.Contains("xmax=4.5", tikz);
    }

    [Fact]
    public void Write_Band_IsAFilledPolygonAlongTheLowEdgeAndBackAlongTheHigh_SkippingRowsOffALogAxis()
    {
        var table = new Table("t").Add("x", [1, 2, 3]).Add("low", [0.5, double.NaN, 1]).Add("high", [2, 3, 4]);
        var figure = new Figure("range", "A range.", new Axis("step"), new Axis("loss", Log: true), [new Band("t", "x", "low", "high", "spread")]);
        string tikz = PgfWriter.Write(figure, [table]);
        Assert.Contains(@"fill, fill opacity=0.35, draw=none, area legend] table[row sep=\\] {x y\\ 1 0.5\\ 3 1\\ 3 4\\ 1 2\\} -- cycle;", tikz);
        Assert.Contains(@"\addlegendentry{spread}", tikz);
    }
}
