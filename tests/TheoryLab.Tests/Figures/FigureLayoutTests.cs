using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

public class FigureLayoutTests
{
    private static readonly double[] Steps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Of_ErrorRateOnALogAxis_EndsAtOne()
    {
        var table = new Table("t").Add("x", Steps).Add("y", Steps.Select(s => 0.98 / s));
        var figure = new Figure("error", "Error.", new Axis("epoch"), Axis.Fraction("error rate", log: true), [new Line("t", "x", "y", "test")]);

        var layout = FigureLayout.Of(figure, [table]);

        Assert.Equal(1, layout.Y.Max);
        Assert.All(layout.Y.Ticks, t => Assert.InRange(t.Value, layout.Y.Min, 1));
    }

    [Fact]
    public void Of_AccuracyAxisWithRoomAskedAboveOne_StillEndsAtOne()
    {
        var table = new Table("t").Add("x", Steps).Add("y", Steps.Select(s => s / 10));
        var figure = new Figure("accuracy", "Accuracy.", new Axis("scale"), Axis.Fraction("accuracy") with { Min = 0, Max = 1.45 }, [new Markers("t", "x", "y", "runs")]);

        Assert.Equal(1, FigureLayout.Of(figure, [table]).Y.Max);
    }

    [Fact]
    public void Of_HeatmapOfFewCells_TicksEachCellCentreAndSpansTheCells()
    {
        // Raissi's table: N_f doubling (evenly spaced on a log axis) against N_u evenly spaced.
        double[] nf = [500, 1000, 2000, 500, 1000, 2000], nu = [20, 20, 20, 60, 60, 60];
        var table = new Table("t").Add("nf", nf).Add("nu", nu).Add("error", nf.Select((f, i) => f * nu[i]));
        var figure = new Figure("table", "Errors.", new Axis("N_f", Log: true), new Axis("N_u"), [new Heatmap("t", "nf", "nu", "error", "error")]);

        var layout = FigureLayout.Of(figure, [table]);

        Assert.Equal([500, 1000, 2000], layout.X.Ticks.Select(t => t.Value));
        Assert.Equal(["500", "1000", "2000"], layout.X.Ticks.Select(t => t.Text));
        Assert.Empty(layout.X.MinorTicks);
        Assert.Equal([20, 60], layout.Y.Ticks.Select(t => t.Value));
        Assert.Equal(500 / Math.Sqrt(2), layout.X.Min, 1e-9);
        Assert.Equal(2000 * Math.Sqrt(2), layout.X.Max, 1e-9);
        Assert.Equal((0.0, 80.0), (layout.Y.Min, layout.Y.Max));
    }

    [Fact]
    public void Of_DataUnderThePreferredCorner_MovesTheLegendToAFreeOne()
    {
        // A rising line fills the upper right and lower left; the upper left and lower right are free.
        var table = new Table("t").Add("x", Steps).Add("y", Steps);
        var figure = new Figure("rising", "Rising.", new Axis("x"), new Axis("y"), [new Line("t", "x", "y", "identity")]) { Legend = LegendPlace.UpperRight };

        var layout = FigureLayout.Of(figure, [table]);

        Assert.Equal(LegendPlace.UpperLeft, layout.Legend?.Corner);
    }

    [Fact]
    public void Of_DataInEveryCorner_PutsTheLegendAboveTheAxes()
    {
        var table = new Table("t").Add("x", Steps).Add("low", Steps.Select(_ => 0.0)).Add("high", Steps.Select(_ => 1.0));
        var figure = new Figure("band", "A band.", new Axis("x"), new Axis("y"), [new Band("t", "x", "low", "high", "everything")]);

        Assert.Equal(LegendPlacement.Above, FigureLayout.Of(figure, [table]).Legend);
    }

    [Fact]
    public void Of_HeatmapWithACurve_PutsTheLegendAboveTheColours()
    {
        var cells = Enumerable.Range(0, 9).ToList();
        var grid = new Table("grid").Add("x", cells.Select(k => (double)(k % 3))).Add("y", cells.Select(k => (double)(k / 3))).Add("v", cells.Select(k => (double)k));
        var curve = new Table("curve").Add("x", [0.0, 2]).Add("y", [0.0, 2]);
        var figure = new Figure("map", "A map.", new Axis("x"), new Axis("y"), [new Heatmap("grid", "x", "y", "v", "value"), new Line("curve", "x", "y", "boundary")]);

        var layout = FigureLayout.Of(figure, [grid, curve]);

        Assert.Equal(LegendPlacement.Above, layout.Legend);
        Assert.Equal((-0.5, 2.5), (layout.X.Min, layout.X.Max));
    }
}
