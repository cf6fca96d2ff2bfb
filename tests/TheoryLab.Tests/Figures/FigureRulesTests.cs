using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

/// <summary>The rules the registry test applies to every experiment's figures, each shown to catch what it names.</summary>
public class FigureRulesTests
{
    private static readonly double[] Steps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    private static readonly Table Falling = new Table("t").Add("x", Steps).Add("y", Steps.Select(s => 0.9 / s));

    private static Figure ErrorFigure(Axis y) => new("error", "Error.", new Axis("epoch"), y, [new Line("t", "x", "y", "test")]);

    [Fact]
    public void Violations_OfAFigureTheLayoutDrew_AreNone()
    {
        var figure = ErrorFigure(Axis.Fraction("error rate", log: true));
        Assert.Empty(FigureRules.Violations(figure, [Falling], PgfWriter.Write(figure, [Falling]).Text));
    }

    [Fact]
    public void Violations_NameAnAxisWithTwoTicks()
    {
        var figure = ErrorFigure(Axis.Fraction("error rate", log: true));
        string tikz = PgfWriter.Write(figure, [Falling]).Text.Replace("ytick={0.1,0.3,1}", "ytick={0.1,1}");
        Assert.Contains("error: the y axis has 2 ticks inside its limits", FigureRules.Violations(figure, [Falling], tikz));
    }

    [Fact]
    public void Violations_NameABoundedAxisRunningPastOne()
    {
        var figure = ErrorFigure(Axis.Fraction("error rate", log: true));
        string tikz = PgfWriter.Write(figure, [Falling]).Text.Replace("ymax=1,", "ymax=1.85,");
        Assert.Contains(FigureRules.Violations(figure, [Falling], tikz), v => v.Contains("past its bounds 0 to 1"));
    }

    [Fact]
    public void Violations_NameAnErrorRateWithoutBounds()
    {
        var figure = ErrorFigure(new Axis("error rate", Log: true));
        Assert.Contains(FigureRules.Violations(figure, [Falling], PgfWriter.Write(figure, [Falling]).Text), v => v.Contains("declares no bounds"));
    }

    [Fact]
    public void Violations_NameAGridOverAHeatmap()
    {
        var cells = Enumerable.Range(0, 9).ToList();
        var table = new Table("grid").Add("x", cells.Select(k => (double)(k % 3))).Add("y", cells.Select(k => (double)(k / 3))).Add("v", cells.Select(k => (double)k));
        var figure = new Figure("map", "A map.", new Axis("x"), new Axis("y"), [new Heatmap("grid", "x", "y", "v", "value")]);
        string tikz = PgfWriter.Write(figure, [table]).Text.Replace("axis on top", "axis on top,\n  grid=major");
        Assert.Contains("map: a grid is drawn over the heatmap", FigureRules.Violations(figure, [table], tikz));
    }

    [Fact]
    public void Violations_AcceptTwoLayersTickedOnce_ButNotOnce()
    {
        var cells = Enumerable.Range(0, 8).ToList();
        var table = new Table("mass").Add("head", cells.Select(k => (double)(k % 4 + 1))).Add("layer", cells.Select(k => (double)(k / 4 + 1))).Add("v", cells.Select(k => (double)k));
        var figure = new Figure("mass", "Mass.", Axis.Index("head"), Axis.Index("layer", min: 0.5, max: 2.5), [new Heatmap("mass", "head", "layer", "v", "mass")]);
        string tikz = PgfWriter.Write(figure, [table]).Text;
        Assert.Empty(FigureRules.Violations(figure, [table], tikz));
        Assert.Contains("mass: the y axis has 1 ticks inside its limits", FigureRules.Violations(figure, [table], tikz.Replace("ytick={1,2}", "ytick={1}")));
    }
}
