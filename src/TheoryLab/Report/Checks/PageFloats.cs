namespace TheoryLab.Report.Checks;

/// <summary>A float as set in the PDF: its caption's name ("Figure 2") and the stretch of text block it takes, as page positions.</summary>
public sealed record FloatSpan(string Name, double Top, double Bottom)
{
    public double Pages => Bottom - Top;

    /// <summary>How much of the stretch from <paramref name="from"/> to <paramref name="to"/> the float takes.</summary>
    public double Overlap(double from, double to) => Math.Max(0, Math.Min(Bottom, to) - Math.Max(Top, from));
}

/// <summary>
/// Where the floats sit, found from the PDF's text. A figure is its caption ("Figure 2: …") with the lines of its
/// paragraph, and above it everything up to the nearest heading or line of body text, or the top of the text block:
/// a picture's own text (tick labels, legends, axis labels) is set smaller than the body and an image has none, so
/// both fall inside, and a figure stacked below another stops at that one's caption. A table is its caption and the
/// rows below it, up to the first gap as wide as a line, which LaTeX leaves between a float and the text.
/// </summary>
public static class PageFloats
{
    /// <summary>Body text runs across most of the line; a subcaption or a legend row is narrower.</summary>
    private const double BodyLineWidthFraction = 0.6;

    public static IReadOnlyList<FloatSpan> Of(PageGeometry geometry)
    {
        var spans = new List<FloatSpan>();
        var headings = geometry.Headings().ToHashSet();
        foreach (var page in geometry.Layout.Pages)
        {
            var lines = page.Lines.Where(geometry.InTextBlock).OrderBy(l => l.YMin).ToList();
            double lineWidth = lines.Count == 0 ? 0 : lines.Max(l => l.XMax - l.XMin);
            // A heading or a line of body text bounds a float from above.
            bool IsBody(PdfLine l) => headings.Contains(l) || l.Height >= 0.9 * geometry.BodyLineHeight && l.XMax - l.XMin >= BodyLineWidthFraction * lineWidth;
            for (int i = 0; i < lines.Count; i++)
            {
                if (!PageCount.IsCaption(lines[i])) continue;
                string name = PageCount.CaptionName(lines[i]);
                double Gap(int k) => lines[k + 1].YMin - lines[k].YMax;
                int end = i;
                while (end + 1 < lines.Count && Gap(end) < 0.5 * geometry.BodyLineHeight && lines[end + 1].Height >= 0.85 * geometry.BodyLineHeight)
                    end++;
                if (name.StartsWith("Table", StringComparison.Ordinal))
                {
                    // A table's caption is above it, the caption skip between them (measured 12.5 pt); its rows end at the
                    // gap LaTeX leaves between a float and the text (19 pt below a top float, 12 pt and more in the text), wider than any between rows.
                    if (end + 1 < lines.Count && Gap(end) < 2 * geometry.BodyLineHeight) end++;
                    while (end + 1 < lines.Count && Gap(end) < 1.2 * geometry.BodyLineHeight) end++;
                    spans.Add(new FloatSpan(name, geometry.Top(lines[i]), geometry.Bottom(lines[end])));
                }
                else
                {
                    var above = lines.Take(i).LastOrDefault(IsBody);
                    double top = above is null ? geometry.Position(page.Number, 0) : geometry.Bottom(above);
                    spans.Add(new FloatSpan(name, top, geometry.Bottom(lines[end])));
                }
                i = end;
            }
        }
        return spans;
    }
}
