using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

public class PgfWriterTests
{
    private static Figure Scatter(bool log) =>
        new("points", "Two points.", new Axis("parameters", Log: log), new Axis("error"), [new Markers("t", "x", "y", "measured")]);

    [Fact]
    public void Write_TheoryInItsMeasurementsColour_SharesTheColourAndStaysOutOfTheLegend()
    {
        var table = new Table("t").Add("x", [1, 2, 3]).Add("a", [1, 2, 3]).Add("b", [2, 3, 4]).Add("c", [3, 4, 5]);
        var figure = new Figure("paired", "Measured and predicted.", new Axis("x"), new Axis("y"),
            [new Markers("t", "x", "a", "measured") { Colour = 0 }, new Line("t", "x", "b", "") { Colour = 0 }, new Line("t", "x", "c", "other")]);

        string tikz = PgfWriter.Write(figure, [table]).Text;

        var plots = tikz.Split('\n').Where(l => l.StartsWith(@"\addplot[", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, plots.Count);
        string Colour(string plot) => plot[(plot.IndexOf("color=", StringComparison.Ordinal))..plot.IndexOf("}", StringComparison.Ordinal)];
        Assert.Equal(Colour(plots[0]), Colour(plots[1]));
        Assert.NotEqual(Colour(plots[0]), Colour(plots[2]));
        // pgfplots gives legend entries to plots in order: the unlabelled one must be forgotten or "other" would name it.
        Assert.Contains("forget plot", plots[1]);
        Assert.DoesNotContain("forget plot", plots[0] + plots[2]);
        Assert.Equal(2, tikz.Split(@"\addlegendentry").Length - 1);
    }

    [Fact]
    public void Write_LegendAboveTheAxes_TakesMoreColumnsAcrossThePageThanInAHalfWidthPanel()
    {
        var xs = new double[] { 1, 2, 3, 4, 5 };
        var table = new Table("t").Add("x", xs);
        var series = new List<Series>();
        for (int k = 0; k < 4; k++)
        {
            table.Add($"y{k}", xs.Select(x => k % 2 == 0 ? x : 6 - x));
            series.Add(new Markers("t", "x", $"y{k}", $"softsign, normalised {k}"));
        }
        var figure = new Figure("crossing", "Crossing.", new Axis("x"), new Axis("y"), series);

        string tikz = PgfWriter.Write(figure, [table]).Text;

        var columns = System.Text.RegularExpressions.Regex.Match(tikz, @"\\ifdim\\linewidth>([0-9.]+)pt\\def\\theorylablegendcolumns\{(\d+)\}\\else\\def\\theorylablegendcolumns\{(\d+)\}\\fi");
        Assert.True(columns.Success, "no width-dependent legend columns in the picture");
        Assert.Contains(@"legend columns=\theorylablegendcolumns", tikz);
        // Entries of 22 characters, about 86 pt: two side by side at half width (2.7 in), all four across the 5.5-in page.
        Assert.Equal(("4", "2"), (columns.Groups[2].Value, columns.Groups[3].Value));
    }

    [Fact]
    public void Write_NearlyEmptyLogRange_GetsLimitsAroundTheData()
    {
        var table = new Table("t").Add("x", [451, 455]).Add("y", [0.1, 0.2]);
        string tikz = PgfWriter.Write(Scatter(log: true), [table]).Text;
        Assert.Contains("xmin=360.8,", tikz);
        Assert.Contains("xmax=568.75,", tikz);
    }

    [Fact]
    public void Write_WideLogRange_GetsTheDataWithAMarginAndATickEachDecade()
    {
        var table = new Table("t").Add("x", [10, 1000]).Add("y", [0.1, 0.2]);
        string tikz = PgfWriter.Write(Scatter(log: true), [table]).Text;
        Assert.Contains("xmin=8.522275,", tikz);
        Assert.Contains("xmax=1173.396,", tikz);
        Assert.Contains("xtick={10,100,1000},\n  xticklabels={{$10$},{$100$},{$1000$}}", tikz);
    }

    [Fact]
    public void Write_Bars_AreCentredOnTheirXAndEveryOneIsDrawn()
    {
        var table = new Table("t").Add("x", [1, 2, 3]).Add("h", [0.5, 0.4, 0.3]);
        var figure = new Figure("bars", "Bars.", new Axis("kind"), new Axis("accuracy"), [new Bars("t", "x", "h", "")]);
        string tikz = PgfWriter.Write(figure, [table]).Text;
        Assert.Contains("ybar, bar width=1, bar shift=0pt", tikz);
        Assert.Contains("3 0.3\\", tikz);
        Assert.Contains("xmin=0.3958333,", tikz);
    }

    [Fact]
    public void Write_Heatmap_DrawsNoGridOverItsColours()
    {
        var cells = Enumerable.Range(0, 9).ToList();
        var table = new Table("grid").Add("x", cells.Select(k => (double)(k % 3))).Add("y", cells.Select(k => (double)(k / 3))).Add("v", cells.Select(k => (double)k));
        var figure = new Figure("map", "A map.", new Axis("x"), new Axis("y"), [new Heatmap("grid", "x", "y", "v", "value")]);
        Assert.DoesNotContain("grid=major", PgfWriter.Write(figure, [table]).Text);
        Assert.Contains("grid=major", PgfWriter.Write(Scatter(log: false), [new Table("t").Add("x", [1, 2]).Add("y", [1, 2])]).Text);
    }

    [Fact]
    public void Write_SinglePointOnALinearAxis_GetsAUnitWindow()
    {
        var table = new Table("t").Add("x", [3]).Add("y", [0.5]);
        string tikz = PgfWriter.Write(Scatter(log: false), [table]).Text;
        Assert.Contains("xmin=1.5", tikz);
        Assert.Contains("xmax=4.5", tikz);
    }

    [Fact]
    public void Write_Band_IsAFilledPolygonAlongTheLowEdgeAndBackAlongTheHigh_SkippingRowsOffALogAxis()
    {
        var table = new Table("t").Add("x", [1, 2, 3]).Add("low", [0.5, double.NaN, 1]).Add("high", [2, 3, 4]);
        var figure = new Figure("range", "A range.", new Axis("step"), new Axis("loss", Log: true), [new Band("t", "x", "low", "high", "spread")]);
        string tikz = PgfWriter.Write(figure, [table]).Text;
        Assert.Contains("fill, fill opacity=0.35, draw=none, area legend] table[row sep=\\\\] {x y\\\\\n1 0.5\\\\\n3 1\\\\\n3 4\\\\\n1 2\\\\\n} -- cycle;", tikz);
        Assert.Contains(@"\addlegendentry{spread}", tikz);
    }

    [Fact]
    public void Write_Heatmap_IsAnImageOfItsCellsBesideThePicture_SoTheGridIsNoLongLineOfCoordinates()
    {
        int n = 121;
        var cells = Enumerable.Range(0, n * n).ToList();
        var table = new Table("grid").Add("x", cells.Select(k => (double)(k % n))).Add("y", cells.Select(k => (double)(k / n))).Add("v", cells.Select(k => Math.Sin(k)));
        var figure = new Figure("map", "A map.", new Axis("x"), new Axis("y"), [new Heatmap("grid", "x", "y", "v", "value")]);

        var picture = PgfWriter.Write(figure, [table]);

        var image = Assert.Single(picture.Images);
        Assert.Equal("map-cells.png", image.FileName);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Png[..4]);
        Assert.Contains(@"\addplot[forget plot] graphics[xmin=-0.5, xmax=120.5, ymin=-0.5, ymax=120.5] {figures/map-cells.png};", picture.Text);
        Assert.True(picture.Text.Length < 5000, $"{picture.Text.Length} characters");
    }

    [Fact]
    public void Write_Curves_PutOnePointALine_SoNoLineNearsTeXsBuffer()
    {
        var xs = Enumerable.Range(0, 5000).Select(i => i / 7.0).ToArray();
        var table = new Table("t").Add("x", xs).Add("y", xs.Select(Math.Sin));
        var figure = new Figure("wave", "A wave.", new Axis("x"), new Axis("y"), [new Line("t", "x", "y", "sine"), new Markers("t", "x", "y", "points")]);

        string tikz = PgfWriter.Write(figure, [table]).Text;

        Assert.True(tikz.Split('\n').Max(l => l.Length) < 200);
    }
}
