namespace TheoryLab.Report.Checks;

/// <summary>
/// Measures lengths in pages on the NeurIPS page: the text block is 9 in tall starting 1 in from the top of
/// US letter (scaled to other paper sizes), so a position is page index + fraction of the text block above it.
/// Section headings are found as short lines set larger than the body text.
/// </summary>
public sealed class PageGeometry(PdfLayout layout)
{
    private const double TopFraction = 72.0 / 792.0;
    private const double HeightFraction = 648.0 / 792.0;

    /// <summary>Allowed overshoot when comparing with a page limit: about two thirds of a line, for the space TeX drops at the top of a page.</summary>
    public const double Tolerance = 0.01;

    private readonly double _bodyHeight = Median(layout.Lines.Select(l => l.Height));

    /// <summary>The height of a line of body text (the median line's), in points.</summary>
    public double BodyLineHeight => _bodyHeight;

    public PdfLayout Layout { get; } = layout;

    /// <summary>Pages before <paramref name="line"/>'s top edge: 2.25 means a quarter into the third page's text block.</summary>
    public double Top(PdfLine line) => Position(line.Page, line.YMin);

    /// <summary>Pages before <paramref name="line"/>'s bottom edge.</summary>
    public double Bottom(PdfLine line) => Position(line.Page, line.YMax);

    public double Position(int page, double y)
    {
        var p = Layout.Pages[page - 1];
        double top = p.Height * TopFraction, height = p.Height * HeightFraction;
        return page - 1 + Math.Clamp((y - top) / height, 0, 1);
    }

    /// <summary>Lines inside the text block (page numbers in the footer excluded).</summary>
    public IEnumerable<PdfLine> BodyLines => Layout.Lines.Where(InTextBlock);

    public bool InTextBlock(PdfLine line)
    {
        var p = Layout.Pages[line.Page - 1];
        return line.YMax <= p.Height * (TopFraction + HeightFraction) + 2;
    }

    /// <summary>
    /// Section headings in reading order: short lines at least 10% taller than body text, numbered ("4 Experiments")
    /// or one of the unnumbered headings of a paper (Abstract, References, …). The title and a line holding a tall
    /// symbol of a displayed equation are as tall, but neither is numbered.
    /// </summary>
    public List<PdfLine> Headings() =>
        BodyLines.Where(l => l.Height >= 1.1 * _bodyHeight && l.Text.Split(' ').Length <= 8 && HeadingText(l).Length > 0
            && char.IsUpper(HeadingText(l)[0]) && (Numbered(l) || UnnumberedHeadings.Contains(HeadingText(l)))).ToList();

    private static readonly string[] ReferencesTitles = ["References", "Bibliography", "REFERENCES"];

    private static readonly HashSet<string> UnnumberedHeadings =
        new([.. ReferencesTitles, "Abstract", "Acknowledgments", "Acknowledgements", "Appendix"], StringComparer.Ordinal);

    /// <summary>Whether a heading starts with its number, or pdftotext put the number on a line of its own beside it.</summary>
    private bool Numbered(PdfLine line) =>
        IsNumber(line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
        || Layout.Pages[line.Page - 1].Lines.Any(n => Math.Abs(n.YMin - line.YMin) < 1 && n.XMax <= line.XMin && IsNumber(n.Text.Trim()));

    private static bool IsNumber(string word) => word.Length > 0 && char.IsDigit(word[0]) && word.All(c => char.IsDigit(c) || c == '.');

    /// <summary>A heading's words without its number ("4 Experiments" → "Experiments").</summary>
    public static string HeadingText(PdfLine heading)
    {
        var words = heading.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0].All(c => char.IsDigit(c) || c == '.')) words.RemoveAt(0);
        return string.Join(' ', words);
    }

    /// <summary>The heading that starts the references (the last "References" or "Bibliography" heading), or null.</summary>
    public PdfLine? ReferencesHeading() =>
        Headings().LastOrDefault(h => ReferencesTitles.Contains(HeadingText(h)));

    /// <summary>The first heading after <paramref name="heading"/>, or null.</summary>
    public PdfLine? NextHeading(PdfLine heading)
    {
        var all = Headings();
        int i = all.IndexOf(heading);
        return i >= 0 && i + 1 < all.Count ? all[i + 1] : null;
    }

    /// <summary>The last line in the text block before <paramref name="heading"/> (or the document's last line when null).</summary>
    public PdfLine? LastLineBefore(PdfLine? heading) =>
        BodyLines.LastOrDefault(l => heading is null || Top(l) < Top(heading) - 1e-9);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
