using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

public class PngRendererTests
{
    private static readonly double[] Steps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Theory]
    [InlineData(LegendPlace.UpperRight)]
    [InlineData(LegendPlace.LowerLeft)]
    public void Build_ConvexCurves_DrawTheLegendWhereItCoversNoData(LegendPlace preferred)
    {
        // Convex curves: the upper left stays free.
        var table = new Table("t").Add("x", Steps).Add("y", Steps.Select(s => s * s)).Add("y2", Steps.Select(s => 0.8 * s * s));
        var figure = new Figure("rising", "Rising.", new Axis("x"), new Axis("y"),
            [new Line("t", "x", "y", "training set"), new Markers("t", "x", "y2", "test set")]) { Legend = preferred };

        var legend = RenderedLegend.Measure(figure, [table], FigureWidth.Half);

        Assert.NotNull(legend.Inside);
        Assert.Empty(legend.Covered);
    }

    [Fact]
    public void Build_LegendAboveTheAxes_TakesOneRowOfTheirHeight()
    {
        var table = new Table("t").Add("x", Steps).Add("low", Steps.Select(_ => 0.0)).Add("high", Steps.Select(_ => 1.0)).Add("mid", Steps.Select(_ => 0.5));
        var figure = new Figure("band", "A band.", new Axis("x"), new Axis("y"), [new Band("t", "x", "low", "high", "spread"), new Line("t", "x", "mid", "middle")]);

        var legend = RenderedLegend.Measure(figure, [table], FigureWidth.Half);

        Assert.Null(legend.Inside);
        // A row of 8-point text with its padding, at one pixel a point.
        Assert.InRange(legend.AxesHeightWithout - legend.AxesHeightWithLegend, 1, 20);
    }

    [Fact]
    public void Build_LegendAboveTheAxes_WrapsToAsManyRowsAsItsEntriesNeed()
    {
        // Eight curves crossing the axes leave no corner free; at half width each long label takes a row of its own.
        var table = new Table("t").Add("x", Steps);
        var series = new List<Series>();
        for (int k = 0; k < 8; k++)
        {
            table.Add($"y{k}", Steps.Select(s => (k % 2 == 0 ? s : 11 - s) + 0.1 * k));
            series.Add(new Line("t", "x", $"y{k}", $"layer {k + 1}, normalised initialisation"));
        }
        var figure = new Figure("crossing", "Crossing curves.", new Axis("x"), new Axis("y"), series);

        var legend = RenderedLegend.Measure(figure, [table], FigureWidth.Half);

        Assert.Null(legend.Inside);
        // Eight rows of 8-point text: before the fix ScottPlot gave the panel two rows and cut the other six off.
        Assert.True(legend.AxesHeightWithout - legend.AxesHeightWithLegend >= 8 * 8,
            $"the legend took {legend.AxesHeightWithout - legend.AxesHeightWithLegend} points of the axes' height, less than eight rows");
    }

    [Fact]
    public void Build_LabelledBarsOfAFigureWithoutLegend_ShowNone()
    {
        var table = new Table("t").Add("x", Steps).Add("h", Steps);
        var figure = new Figure("bars", "Bars.", new Axis("kind"), new Axis("height"), [new Bars("t", "x", "h", "final accuracy")]) { Legend = null };

        var legend = RenderedLegend.Measure(figure, [table], FigureWidth.Half);

        Assert.Null(legend.Inside);
        Assert.Equal(legend.AxesHeightWithout, legend.AxesHeightWithLegend);
    }

    [Fact]
    public void Build_Heatmap_HidesTheGridAndSetsTheColourBarsTicksAtTheAxesSize()
    {
        var cells = Enumerable.Range(0, 9).ToList();
        var table = new Table("grid").Add("x", cells.Select(k => (double)(k % 3))).Add("y", cells.Select(k => (double)(k / 3))).Add("v", cells.Select(k => (double)k));
        var figure = new Figure("map", "A map.", new Axis("x"), new Axis("y"), [new Heatmap("grid", "x", "y", "v", "log₁₀ χ₁")]);

        var plot = PngRenderer.Build(figure, [table], 194, 150);

        Assert.False(plot.Grid.IsVisible);
        var bar = Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>());
        Assert.Equal(plot.Axes.Bottom.TickLabelStyle.FontSize, bar.Axis.TickLabelStyle.FontSize);
        Assert.Equal("log₁₀ χ₁", bar.Label);
    }
}
