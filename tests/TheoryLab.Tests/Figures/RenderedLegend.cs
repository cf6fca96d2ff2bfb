using SkiaSharp;
using TheoryLab.Figures;
using TheoryLab.Tables;
using SP = ScottPlot;

namespace TheoryLab.Tests.Figures;

/// <summary>
/// Where a figure's PNG legend is drawn, measured from the picture rather than from the layout's estimate: the
/// pixels that change when the legend is hidden. Drawn at one pixel a point, at the width asked for.
/// </summary>
public sealed record RenderedLegend(SKRectI? Inside, IReadOnlyList<SKPoint> Data, double AxesHeightWithLegend, double AxesHeightWithout)
{
    /// <summary>The data points the legend's box covers, a pixel in from its edge.</summary>
    public IReadOnlyList<SKPoint> Covered => Inside is { } box
        ? Data.Where(p => p.X > box.Left + 1 && p.X < box.Right - 1 && p.Y > box.Top + 1 && p.Y < box.Bottom - 1).ToList()
        : [];

    public static RenderedLegend Measure(Figure figure, IReadOnlyList<Table> tables, FigureWidth width)
    {
        int w = (int)Math.Round(HouseStyle.WidthInches(width) * 72);
        int h = (int)Math.Round(Math.Min(w * figure.Aspect, HouseStyle.MaxHeightInches * 72));
        var plot = PngRenderer.Build(figure, tables, w, h);
        using var with = Render(plot, w, h);
        var axes = plot.RenderManager.LastRender.DataRect;
        var data = FigureLayout.DataPoints(figure, tables)
            .Select(p => plot.GetPixel(new SP.Coordinates(Linear(figure.X, p.X), Linear(figure.Y, p.Y))))
            .Select(p => new SKPoint(p.X, p.Y)).ToList();
        plot.HideLegend();
        foreach (var panel in plot.Axes.GetPanels().OfType<SP.Panels.LegendPanel>().ToList()) plot.Axes.Remove(panel);
        using var without = Render(plot, w, h);
        // A legend above the axes moves them: it lies outside the data's area and can cover none of it.
        var bare = plot.RenderManager.LastRender.DataRect;
        if (!bare.Equals(axes)) return new RenderedLegend(null, data, axes.Height, bare.Height);
        return new RenderedLegend(Changed(with, without), data, axes.Height, bare.Height);
    }

    private static double Linear(Axis axis, double v) => axis.Log ? Math.Log10(v) : v;

    private static SKBitmap Render(SP.Plot plot, int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        plot.Render(canvas, width, height);
        return bitmap;
    }

    private static SKRectI? Changed(SKBitmap a, SKBitmap b)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
        return right < 0 ? null : new SKRectI(left, top, right + 1, bottom + 1);
    }
}
