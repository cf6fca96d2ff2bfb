using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

/// <summary>A heatmap whose every cell is NaN (a diverged loss surface) once ended in ScottPlot's "min must be a real number".</summary>
public class NonFiniteFigureTests
{
    private static readonly Figure Surface = new("loss-surface", "A surface.", new Axis("α"), new Axis("β"), [new Heatmap("surface", "x", "y", "log10_loss", "log₁₀ loss")]);

    private static Table SurfaceTable(params double[] values) => new Table("surface").Add("x", [0, 1, 0, 1]).Add("y", [0, 0, 1, 1]).Add("log10_loss", values);

    [Fact]
    public void HeatmapOfNaNOnly_IsAnErrorNamingTheFigureAndTheColumn_InBothRenderers()
    {
        using var dir = new TempDirectory();
        var table = SurfaceTable(double.NaN, double.NaN, double.PositiveInfinity, double.NaN);
        var png = Assert.Throws<TheoryLabException>(() => PngRenderer.Save(Surface, [table], dir["surface.png"]));
        var pgf = Assert.Throws<TheoryLabException>(() => PgfWriter.Write(Surface, [table]));
        foreach (var e in new[] { png, pgf })
        {
            Assert.Contains("figure 'loss-surface'", e.Message);
            Assert.Contains("column 'log10_loss' of table 'surface'", e.Message);
        }
    }

    [Fact]
    public void HeatmapWithSomeNaNCells_IsStillDrawn()
    {
        using var dir = new TempDirectory();
        PngRenderer.Save(Surface, [SurfaceTable(double.NaN, 1, 2, 3)], dir["surface.png"]);
        Assert.True(new FileInfo(dir["surface.png"]).Length > 0);
    }
}
