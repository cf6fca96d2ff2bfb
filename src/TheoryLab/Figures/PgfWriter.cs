using System.Globalization;
using System.Text;
using TheoryLab.Tables;

namespace TheoryLab.Figures;

/// <summary>A figure as pgfplots: the picture's text, and the images it includes by file name (heatmap cells), to be written beside it.</summary>
public sealed record PgfPicture(string Text, IReadOnlyList<PgfImage> Images);

/// <summary>A PNG a picture includes, by its file name in the figures folder.</summary>
public sealed record PgfImage(string FileName, byte[] Png);

/// <summary>
/// Writes a <see cref="Figure"/> as a pgfplots picture with its curve data inline, one point a line, so a LaTeX
/// report includes it as vector graphics set in the document's own fonts (<c>\usepackage{pgfplots}</c>). Heatmaps
/// are raster images beside the picture, as pgfplots' own <c>\addplot graphics</c> places them.
/// </summary>
public static class PgfWriter
{
    /// <summary>Lines longer than this are thinned evenly for TeX's memory; the CSV keeps every point.</summary>
    public const int MaxPointsPerSeries = 800;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The folder pictures and the images they include lie in, relative to the document that inputs them.</summary>
    public const string Folder = "figures";

    public static PgfPicture Write(Figure figure, IReadOnlyList<Table> tables)
    {
        var sb = new StringBuilder();
        var images = new List<PgfImage>();
        var heatmap = figure.Series.OfType<Heatmap>().FirstOrDefault();
        // pgfplots fits labels and ticks into the width but not a colour bar, which gets its own room.
        string width = (heatmap is null ? @"\linewidth" : $@"\linewidth-{F(HouseStyle.ColourBarPoints)}pt") + @"-\theorylabslack";
        var layout = FigureLayout.Of(figure, tables);
        var axis = new List<string>
        {
            $"width={width}", $@"height={{min({F(figure.Aspect)}*\linewidth,{F(HouseStyle.MaxHeightInches)}in)}}",
            $"xlabel={{{LatexText.From(figure.X.Label)}}}", $"ylabel={{{LatexText.From(figure.Y.Label)}}}",
            @"tick label style={font=\scriptsize}", @"label style={font=\footnotesize}",
            @"legend style={font=\scriptsize, draw=none, fill=white, fill opacity=0.8, text opacity=1}",
            "legend cell align=left", "scaled ticks=false", "enlargelimits=false",
        };
        // A grid drawn over a heatmap's colours hides them; elsewhere a faint one helps read values off.
        if (heatmap is null) axis.AddRange(["grid=major", "grid style={black!8}"]);
        AddAxis(axis, "x", layout.X);
        AddAxis(axis, "y", layout.Y);
        if (layout.Legend is { Corner: { } corner }) axis.Add("legend pos=" + LegendPosition(corner));
        else if (layout.Legend is not null) axis.AddRange([@"legend style={at={(0.5,1.02)}, anchor=south, /tikz/every even column/.append style={column sep=0.6em}}", @"legend columns=\theorylablegendcolumns"]);
        if (heatmap is not null)
        {
            var (low, high) = HeatmapCells.Range(HeatmapGrid.From(tables.First(t => t.Name == heatmap.Table), heatmap, figure.Name));
            axis.Add(HeatmapCells.PgfColormap("theorylab"));
            axis.Add("colorbar");
            axis.Add($"point meta min={F(low)}");
            axis.Add($"point meta max={F(high)}");
            axis.Add($@"colorbar style={{width={F(HouseStyle.ColourBarWidthPoints)}pt, ylabel={{{LatexText.From(heatmap.Label)}}}, ylabel style={{font=\footnotesize}}, tick label style={{font=\scriptsize}}}}");
            axis.Add("axis on top");
        }

        sb.AppendLine($"% {figure.Name}: written by TheoryLab; the same data is in the run's tables/*.csv");
        sb.Append(FitToLineOpening);
        if (layout.Legend is { Corner: null }) sb.Append(LegendColumnsByWidth(figure));
        sb.AppendLine(@"\begin{tikzpicture}");
        sb.AppendLine(@"\begin{axis}[").AppendLine("  " + string.Join(",\n  ", axis)).AppendLine("]");
        foreach (var (series, index) in figure.Series.Zip(figure.Colours()))
        {
            // An unlabelled plot must be left out of the legend, or pgfplots gives the next label to it.
            string colour = Colour(index) + (series.Label.Length == 0 ? ", forget plot" : "");
            var table = tables.First(t => t.Name == series.Table);
            switch (series)
            {
                case Heatmap h: images.Add(WriteHeatmap(sb, figure, table, h)); break;
                case Line l: WriteCurve(sb, figure, table, l.X, l.Y, null, $"{colour}, line width=1pt, no markers{(l.Dashed ? ", dashed" : "")}", l.Label); break;
                case Markers m: WriteCurve(sb, figure, table, m.X, m.Y, m.YError, $"{colour}, only marks, mark=*, mark size=1.1pt{(m.YError is null ? "" : ", error bars/.cd, y dir=both, y explicit")}", m.Label); break;
                // Centred on x and as wide as the PNG's; "ybar interval" would take x as left edges and drop the last bar.
                case Bars b: WriteCurve(sb, figure, table, b.X, b.Height, null, $"{colour}, ybar, bar width={F(Bars.Width(table.Numbers(b.X)))}, bar shift=0pt, draw=none, fill, fill opacity=0.7", b.Label); break;
                case Band b: WriteBand(sb, figure, table, b, colour); break;
                default: throw series.Undrawable();
            }
        }
        sb.AppendLine(@"\end{axis}");
        sb.AppendLine(@"\end{tikzpicture}}%");
        sb.Append(FitToLineClosing);
        return new PgfPicture(sb.ToString(), images);
    }

    /// <summary>
    /// pgfplots fits the axes into the width with an estimate of the labels' size, and wide tick labels or a long
    /// axis label overshoot it (by up to 17 pt in a gallery of quick runs). So the picture is set once, and when it
    /// comes out wider than the line, set again with the axes narrowed by the excess, and once more by what is left (pgfplots
    /// may narrow the picture by less than the axes, so one correction can leave a fraction of a point): the fonts keep their size.
    /// Lines end in % so the picture adds no spaces around itself; its tables use row sep=\\ so they survive a macro.
    /// </summary>
    private const string FitToLineOpening = """
        \begingroup%
        \ifdefined\theorylabpicturebox\else\newsavebox\theorylabpicturebox\fi%
        \def\theorylabslack{0pt}%
        \long\def\theorylabpicture{%

        """;

    private const string FitToLineClosing = """
        \sbox\theorylabpicturebox{\theorylabpicture}%
        \ifdim\wd\theorylabpicturebox>\linewidth
          \edef\theorylabslack{\the\dimexpr\wd\theorylabpicturebox-\linewidth\relax}%
          \sbox\theorylabpicturebox{\theorylabpicture}%
        \fi
        \ifdim\wd\theorylabpicturebox>\linewidth
          \edef\theorylabslack{\the\dimexpr\theorylabslack+\wd\theorylabpicturebox-\linewidth\relax}%
          \sbox\theorylabpicturebox{\theorylabpicture}%
        \fi
        \usebox\theorylabpicturebox
        \endgroup

        """;

    private static void WriteCurve(StringBuilder sb, Figure f, Table t, string x, string y, string? error, string style, string label)
    {
        var xs = t.Numbers(x);
        var ys = t.Numbers(y);
        var es = error is null ? null : t.Numbers(error);
        var rows = Enumerable.Range(0, xs.Count).Where(i => Plottable(f.X, xs[i]) && Plottable(f.Y, ys[i])).ToList();
        if (rows.Count > MaxPointsPerSeries)
            rows = Enumerable.Range(0, MaxPointsPerSeries).Select(k => rows[(int)((long)k * (rows.Count - 1) / (MaxPointsPerSeries - 1))]).ToList();
        sb.Append(@"\addplot[").Append(style).Append(']');
        sb.AppendLine(es is null ? @" table[row sep=\\] {x y\\" : @" table[row sep=\\, y error=e] {x y e\\");
        foreach (var i in rows)
        {
            sb.Append(F(xs[i])).Append(' ').Append(F(ys[i]));
            if (es is not null) sb.Append(' ').Append(F(double.IsFinite(es[i]) ? es[i] : 0));
            sb.AppendLine(@"\\");
        }
        sb.AppendLine("};");
        if (label.Length > 0) sb.Append(@"\addlegendentry{").Append(LatexText.From(label)).AppendLine("}");
    }

    /// <summary>A closed polygon along the low edge and back along the high one, filled translucent.</summary>
    private static void WriteBand(StringBuilder sb, Figure f, Table t, Band b, string colour)
    {
        var xs = t.Numbers(b.X);
        var lows = t.Numbers(b.Low);
        var highs = t.Numbers(b.High);
        var rows = Enumerable.Range(0, xs.Count).Where(i => Plottable(f.X, xs[i]) && Plottable(f.Y, lows[i]) && Plottable(f.Y, highs[i])).ToList();
        if (rows.Count == 0) return;
        if (rows.Count > MaxPointsPerSeries / 2)
            rows = Enumerable.Range(0, MaxPointsPerSeries / 2).Select(k => rows[(int)((long)k * (rows.Count - 1) / (MaxPointsPerSeries / 2 - 1))]).ToList();
        sb.Append(@"\addplot[").Append(colour).AppendLine(@", fill, fill opacity=0.35, draw=none, area legend] table[row sep=\\] {x y\\");
        foreach (var i in rows) sb.Append(F(xs[i])).Append(' ').Append(F(lows[i])).AppendLine(@"\\");
        foreach (var i in Enumerable.Reverse(rows)) sb.Append(F(xs[i])).Append(' ').Append(F(highs[i])).AppendLine(@"\\");
        sb.AppendLine("} -- cycle;");
        if (b.Label.Length > 0) sb.Append(@"\addlegendentry{").Append(LatexText.From(b.Label)).AppendLine("}");
    }

    /// <summary>Places the cells' image over the cells' extent; the colour bar's range is the one the image was coloured with.</summary>
    private static PgfImage WriteHeatmap(StringBuilder sb, Figure f, Table t, Heatmap h)
    {
        var grid = HeatmapGrid.From(t, h, f.Name);
        var (x0, x1) = grid.XExtent(f.X.Log);
        var (y0, y1) = grid.YExtent(f.Y.Log);
        var image = new PgfImage($"{f.Name}-cells.png", HeatmapCells.Png(grid));
        sb.AppendLine($@"\addplot[forget plot] graphics[xmin={F(Data(f.X, x0))}, xmax={F(Data(f.X, x1))}, ymin={F(Data(f.Y, y0))}, ymax={F(Data(f.Y, y1))}] {{{Folder}/{image.FileName}}};");
        return image;
    }

    /// <summary>A value of the grid's extent, in log10 on log axes, back in the axis' own units.</summary>
    private static double Data(Axis axis, double extent) => axis.Log ? Math.Pow(10, extent) : extent;

    /// <summary>The axis' mode, limits and ticks as the layout decided them, the same as the PNG's.</summary>
    private static void AddAxis(List<string> options, string name, AxisLayout axis)
    {
        if (axis.Log) options.Add($"{name}mode=log");
        options.Add($"{name}min={F(axis.Min)}");
        options.Add($"{name}max={F(axis.Max)}");
        if (axis.Ticks.Count == 0) return;
        options.Add($"{name}tick={{{string.Join(",", axis.Ticks.Select(t => F(t.Value)))}}}");
        options.Add($"{name}ticklabels={{{string.Join(",", axis.Ticks.Select(t => "{" + t.Latex + "}"))}}}");
        if (axis.Log) options.Add($"minor {name}tick={{{string.Join(",", axis.MinorTicks.Select(F))}}}");
    }

    /// <summary>
    /// A legend above the axes takes as many columns as fit the line, decided when the picture is set: the same
    /// snippet goes into a half-width panel or across the page, and one column sized for the half width turned a
    /// full-width legend into a tall stack of rows.
    /// </summary>
    private static string LegendColumnsByWidth(Figure figure)
    {
        int half = LegendColumns(figure, HouseStyle.HalfWidthInches * 72), full = LegendColumns(figure, HouseStyle.FullWidthInches * 72);
        double threshold = (HouseStyle.HalfWidthInches + HouseStyle.FullWidthInches) / 2 * 72;
        return $@"\ifdim\linewidth>{F(threshold)}pt\def\theorylablegendcolumns{{{full}}}\else\def\theorylablegendcolumns{{{half}}}\fi%" + "\n";
    }

    /// <summary>
    /// Legend entries side by side above the axes: as many as fit in 0.95 of the line, an entry taking its sample
    /// and gaps (35 pt) and 2.3 pt a character of 7 pt text. Measured: "linear theory, standard" sets in 52 pt, and
    /// four 'layer k' entries came out 203 pt wide (9 pt too wide for a half-width panel); two entries of 20
    /// characters take 120 pt of a half-width panel, where a cruder estimate had stacked them in one column.
    /// </summary>
    private static int LegendColumns(Figure figure, double linePoints)
    {
        var labels = figure.LegendLabels().ToList();
        double entryPoints = 35 + 2.3 * labels.Max(l => l.Length);
        return Math.Clamp((int)Math.Floor(0.95 * linePoints / entryPoints), 1, labels.Count);
    }

    private static bool Plottable(Axis axis, double v) => double.IsFinite(v) && (!axis.Log || v > 0);

    private static string Colour(int index)
    {
        string hex = HouseStyle.Colour(index).TrimStart('#');
        int r = Convert.ToInt32(hex[..2], 16), g = Convert.ToInt32(hex[2..4], 16), b = Convert.ToInt32(hex[4..], 16);
        return $"color={{rgb,255:red,{r};green,{g};blue,{b}}}";
    }

    private static string LegendPosition(LegendPlace place) => place switch
    {
        LegendPlace.UpperLeft => "north west",
        LegendPlace.LowerLeft => "south west",
        LegendPlace.LowerRight => "south east",
        _ => "north east",
    };

    private static string F(double v) => v.ToString("G7", Invariant);
}
