using TheoryLab.Tables;
using TheoryLab.Text;
using SP = ScottPlot;

namespace TheoryLab.Figures;

/// <summary>Draws a <see cref="Figure"/> from its tables as a PNG in the house style (ScottPlot back end).</summary>
public static class PngRenderer
{
    public static void Save(Figure figure, IReadOnlyList<Table> tables, string path)
    {
        double points = HouseStyle.WidthInches(figure.Width) * 72;
        double heightPoints = Math.Min(points * figure.Aspect, HouseStyle.MaxHeightInches * 72);
        var plot = Build(figure, tables, (int)Math.Round(points), (int)Math.Round(heightPoints));
        float scale = (float)(HouseStyle.Dpi / 72);
        plot.ScaleFactor = scale;
        int width = (int)Math.Round(points * scale), height = (int)Math.Round(heightPoints * scale);
        AtomicFile.Write(path, temp => plot.Save(temp, width, height, SP.ImageFormat.Png));
    }

    /// <summary>The plot for a picture of <paramref name="widthPoints"/> by <paramref name="heightPoints"/> at one pixel a point.</summary>
    internal static SP.Plot Build(Figure figure, IReadOnlyList<Table> tables, int widthPoints, int heightPoints)
    {
        var plot = new SP.Plot();
        plot.Font.Set("DejaVu Sans");
        var colours = figure.Colours().Select(HouseStyle.Colour).ToList();
        foreach (var (series, colour) in figure.Series.Zip(colours))
        {
            var table = tables.FirstOrDefault(t => t.Name == series.Table)
                ?? throw new InvalidOperationException($"figure '{figure.Name}' draws from table '{series.Table}', which the result lacks");
            switch (series)
            {
                case Heatmap h: AddHeatmap(plot, figure, table, h); break;
                case Line l: AddLine(plot, figure, table, l, colour); break;
                case Markers m: AddMarkers(plot, figure, table, m, colour); break;
                case Bars b: AddBars(plot, table, b, colour); break;
                case Band b: AddBand(plot, figure, table, b, colour); break;
                default: throw series.Undrawable();
            }
        }
        Style(plot, figure, tables, widthPoints, heightPoints);
        return plot;
    }

    private static void AddLine(SP.Plot plot, Figure f, Table t, Line l, string colour)
    {
        var (xs, ys) = Finite(f, t.Numbers(l.X), t.Numbers(l.Y));
        var s = plot.Add.ScatterLine(xs, ys, SP.Color.FromHex(colour));
        s.LineWidth = 1.5f;
        s.LegendText = PictureText.From(l.Label);
        if (l.Dashed) s.LinePattern = SP.LinePattern.Dashed;
    }

    private static void AddMarkers(SP.Plot plot, Figure f, Table t, Markers m, string colour)
    {
        var (xs, ys) = Finite(f, t.Numbers(m.X), t.Numbers(m.Y));
        var s = plot.Add.ScatterPoints(xs, ys, SP.Color.FromHex(colour));
        s.MarkerSize = 5;
        s.LegendText = PictureText.From(m.Label);
        if (m.YError is not null && !f.Y.Log)
        {
            var errors = t.Numbers(m.YError).ToArray();
            var bars = plot.Add.ErrorBar(t.Numbers(m.X).Select(x => Transform(f.X, x)).ToArray(), t.Numbers(m.Y).ToArray(), errors);
            bars.Color = SP.Color.FromHex(colour);
        }
    }

    private static void AddBand(SP.Plot plot, Figure f, Table t, Band b, string colour)
    {
        var rows = Enumerable.Range(0, t.RowCount)
            .Select(i => (X: Transform(f.X, t.Numbers(b.X)[i]), Low: Transform(f.Y, t.Numbers(b.Low)[i]), High: Transform(f.Y, t.Numbers(b.High)[i])))
            .Where(r => double.IsFinite(r.X) && double.IsFinite(r.Low) && double.IsFinite(r.High))
            .ToArray();
        if (rows.Length == 0) return;
        var fill = plot.Add.FillY(rows.Select(r => r.X).ToArray(), rows.Select(r => r.Low).ToArray(), rows.Select(r => r.High).ToArray());
        fill.FillColor = SP.Color.FromHex(colour).WithAlpha(0.35);
        fill.LineWidth = 0;
        fill.LegendText = PictureText.From(b.Label);
    }

    private static void AddBars(SP.Plot plot, Table t, Bars b, string colour)
    {
        var xs = t.Numbers(b.X);
        double width = Bars.Width(xs);
        var bars = plot.Add.Bars(xs.ToArray(), t.Numbers(b.Height).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = width;
            bar.FillColor = SP.Color.FromHex(colour).WithAlpha(0.7);
            bar.LineWidth = 0;
        }
        bars.LegendText = PictureText.From(b.Label);
    }

    private static void AddHeatmap(SP.Plot plot, Figure f, Table t, Heatmap h)
    {
        var grid = HeatmapGrid.From(t, h, f.Name);
        var map = plot.Add.Heatmap(grid.ValuesTopRowFirst());
        map.Colormap = new SP.Colormaps.Viridis();
        var (x0, x1) = grid.XExtent(f.X.Log);
        var (y0, y1) = grid.YExtent(f.Y.Log);
        // Rectangle places the cells' outer edges; Extent would place the corner cells' centres there, drawing the
        // map a cell larger than the axes so that the clipped first and last rows and columns show half their width.
        map.Rectangle = new SP.CoordinateRect(x0, x1, y0, y1);
        var bar = plot.Add.ColorBar(map);
        bar.Label = PictureText.From(h.Label);
        // The bar's label and tick labels at the axes' sizes; ScottPlot's own tick labels are twice as large.
        bar.LabelStyle.FontSize = (float)HouseStyle.FontPoints + 1;
        bar.Axis.TickLabelStyle.FontSize = (float)HouseStyle.FontPoints;
    }

    private static (double[] X, double[] Y) Finite(Figure f, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var pairs = xs.Zip(ys)
            .Select(p => (X: Transform(f.X, p.First), Y: Transform(f.Y, p.Second)))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .ToArray();
        return (pairs.Select(p => p.X).ToArray(), pairs.Select(p => p.Y).ToArray());
    }

    /// <summary>ScottPlot draws log axes as linear axes of log10 values with log tick labels.</summary>
    private static double Transform(Axis axis, double v) => axis.Log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

    private static void Style(SP.Plot plot, Figure figure, IReadOnlyList<Table> tables, int widthPoints, int heightPoints)
    {
        float size = (float)HouseStyle.FontPoints;
        plot.XLabel(PictureText.From(figure.X.Label), size + 1);
        plot.YLabel(PictureText.From(figure.Y.Label), size + 1);
        foreach (var axis in new SP.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = size;
            axis.MajorTickStyle.Length = 3;
            axis.MinorTickStyle.Length = 1.5f;
        }
        plot.Grid.MajorLineColor = SP.Color.FromHex("#000000").WithAlpha(0.08);
        // A grid drawn over a heatmap's colours hides them.
        if (figure.Series.Any(s => s is Heatmap)) plot.HideGrid();
        var layout = FigureLayout.Of(figure, tables);
        plot.Axes.SetLimits(Transform(figure.X, layout.X.Min), Transform(figure.X, layout.X.Max), Transform(figure.Y, layout.Y.Min), Transform(figure.Y, layout.Y.Max));
        plot.Axes.Bottom.TickGenerator = Ticks(figure.X, layout.X);
        plot.Axes.Left.TickGenerator = Ticks(figure.Y, layout.Y);
        // ScottPlot shows a legend of its own for labelled bars unless told not to.
        if (layout.Legend is { } placement) ShowLegend(plot, placement, size, widthPoints, heightPoints);
        else plot.HideLegend();
    }

    /// <summary>A compact legend, as pgfplots' are, so that it covers no more of the axes than the layout allowed for.</summary>
    private static void ShowLegend(SP.Plot plot, LegendPlacement placement, float size, int widthPoints, int heightPoints)
    {
        var legend = plot.Legend;
        legend.FontSize = size;
        legend.Padding = new SP.PixelPadding(3);
        legend.Margin = new SP.PixelPadding(4);
        legend.SymbolWidth = 14;
        legend.SymbolPadding = 4;
        legend.ShadowColor = SP.Colors.Transparent;
        legend.OutlineColor = SP.Color.FromHex("#000000").WithAlpha(0.25);
        if (placement.Corner is { } corner)
        {
            legend.InterItemPadding = new SP.PixelPadding(0, 0, 1, 1);
            plot.ShowLegend(corner switch
            {
                LegendPlace.UpperLeft => SP.Alignment.UpperLeft,
                LegendPlace.LowerLeft => SP.Alignment.LowerLeft,
                LegendPlace.LowerRight => SP.Alignment.LowerRight,
                _ => SP.Alignment.UpperRight,
            });
        }
        else
        {
            legend.Orientation = SP.Orientation.Horizontal;
            legend.InterItemPadding = new SP.PixelPadding(0, 8, 1, 1);
            plot.ShowLegend(SP.Edge.Top);
            var panel = plot.Axes.GetPanels().OfType<SP.Panels.LegendPanel>().Single();
            // ScottPlot pads an edge legend by 20 pixels each side, which squeezes half-width axes to a strip.
            panel.Padding = new SP.PixelPadding(0, 0, 2, 0);
            panel.MinimumSize = LegendAboveHeight(plot, widthPoints, heightPoints) + panel.Padding.Vertical;
            // The hidden top axis keeps room for tick labels it never draws: 16 pt of empty band between legend and axes.
            plot.Axes.Top.MaximumSize = 4;
        }
    }

    /// <summary>
    /// The height a legend above the axes needs once its entries wrap to the axes' width. ScottPlot sizes the
    /// panel from the legend laid out without that width, so a legend that wraps to more rows lost the rows below
    /// the second (glorot-init's gradient variances showed 4 of their 8 entries).
    /// </summary>
    private static float LegendAboveHeight(SP.Plot plot, int widthPoints, int heightPoints)
    {
        if (plot.Legend.GetItems().Length == 0) return 0;
        plot.RenderInMemory(widthPoints, heightPoints);
        float axesWidth = plot.RenderManager.LastRender.DataRect.Width;
        using var paint = SP.Paint.NewDisposablePaint();
        return plot.Legend.GetLayout(new SP.PixelSize(axesWidth, heightPoints), paint).LegendRect.Height;
    }

    /// <summary>The layout's ticks, at their log10 positions on log axes (drawn as linear axes of log10 values).</summary>
    private static SP.TickGenerators.NumericManual Ticks(Axis axis, AxisLayout layout)
    {
        var ticks = new SP.TickGenerators.NumericManual();
        foreach (var tick in layout.Ticks) ticks.AddMajor(Transform(axis, tick.Value), tick.Text);
        foreach (double minor in layout.MinorTicks) ticks.AddMinor(Transform(axis, minor));
        return ticks;
    }
}
