using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

public class UndrawableSeriesTests
{
    /// <summary>A kind of series no renderer has a case for, as a new one would be before its cases are written.</summary>
    private sealed record Arrows(string Table, string X, string Y, string Label) : Series(Table, Label)
    {
        public override IReadOnlyList<string> Columns => [X, Y];
    }

    private static readonly Table Points = new Table("t").Add("x", [1, 2, 3]).Add("y", [2, 3, 4]);

    private static readonly Figure WithArrows =
        new("arrows", "Arrows.", new Axis("x"), new Axis("y"), [new Line("t", "x", "y", "line"), new Arrows("t", "x", "y", "arrows")]);

    [Fact]
    public void PngRenderer_RefusesASeriesItCannotDraw_RatherThanLeaveItOut()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PngRenderer.Build(WithArrows, [Points], 194, 150));
        Assert.Contains("no case draws a series of kind Arrows", e.Message);
    }

    [Fact]
    public void PgfWriter_RefusesASeriesItCannotDraw_RatherThanLeaveItOut()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PgfWriter.Write(WithArrows, [Points]));
        Assert.Contains("no case draws a series of kind Arrows", e.Message);
    }
}
