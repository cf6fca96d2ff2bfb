using System.Globalization;
using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>At most 5 pages of text and graphics: everything before the references, plus anything after them.</summary>
internal sealed class TextPagesRule : IReportRule
{
    public const double Limit = 5;

    public RuleInfo Info { get; } = new("text-pages", RuleSeverity.Hard, "At most 5 pages of text and graphics (the references not counted).");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Layout is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "no PDF", "build the report, then check main.pdf"); yield break; }
        var geometry = new PageGeometry(document.Layout);
        double text = PageCount.TextPages(geometry, out var references);
        string measured = $"{PageCount.Format(text)} pages of text and graphics" + (references is null ? " (no References heading found, so everything counts)" : "");
        foreach (var caption in references is null ? Array.Empty<PdfLine>() : PageCount.CaptionsAfter(geometry, references))
            yield return RuleResult.Fail(Info, $"page {caption.Page}", $"'{PageCount.CaptionName(caption)}' is set after the References heading, where the page count cannot see it; it is still text and graphics",
                @"place it nearer its first mention (\begin{figure}[t] in that section) or at half width; a \clearpage before \bibliography{refs} also sets it before the references");
        if (text <= Limit + PageGeometry.Tolerance)
            yield return RuleResult.Pass(Info, measured);
        else
            yield return RuleResult.Fail(Info, $"page {(int)Limit + 1}",
                measured + $", {PageCount.Format(text - Limit)} over the limit of {Limit}; the space each part takes, floats within it included: {PageCount.Breakdown(geometry)}",
                @"shorten the longest parts, or set figures at half width (width=0.49\linewidth, as 'theorylab report add --width half' does) and two side by side in one \begin{figure} ('theorylab report pair'); move details to the code description or drop them");
    }
}

/// <summary>At most 1 page of references: from the References heading to the last reference.</summary>
internal sealed class ReferencePagesRule : IReportRule
{
    public const double Limit = 1;

    public RuleInfo Info { get; } = new("reference-pages", RuleSeverity.Hard, "At most 1 page of references.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Layout is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "no PDF", "build the report, then check main.pdf"); yield break; }
        var geometry = new PageGeometry(document.Layout);
        var heading = geometry.ReferencesHeading();
        if (heading is null) { yield return RuleResult.Skip(Info, "no References heading found in the PDF", @"end the report with \bibliography{refs} so the references get their heading"); yield break; }
        double length = PageCount.ReferencePages(geometry, heading);
        string measured = $"{PageCount.Format(length)} pages of references, starting on page {heading.Page}";
        if (length <= Limit + PageGeometry.Tolerance)
            yield return RuleResult.Pass(Info, measured, $"page {heading.Page}");
        else
            yield return RuleResult.Fail(Info, $"page {heading.Page}", measured + $", {PageCount.Format(length - Limit)} over the limit of {Limit}",
                "cite fewer works: keep the papers you contrast, the datasets and the software; drop the rest from the text");
    }
}

/// <summary>At most 6 pages in all.</summary>
internal sealed class TotalPagesRule : IReportRule
{
    public const int Limit = 6;

    public RuleInfo Info { get; } = new("total-pages", RuleSeverity.Hard, "At most 6 pages in all.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Layout is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "no PDF", "build the report, then check main.pdf"); yield break; }
        int pages = document.Layout.Pages.Count;
        if (pages <= Limit)
            yield return RuleResult.Pass(Info, $"{pages} pages");
        else
            yield return RuleResult.Fail(Info, $"page {Limit + 1}", $"{pages} pages, {pages - Limit} more than {Limit}",
                "bring the text to 5 pages and the references to 1; a float that spills onto a page of its own adds a page");
    }
}

/// <summary>The page arithmetic the page rules share.</summary>
internal static partial class PageCount
{
    /// <summary>Pages before the References heading, plus any pages of material after the references (appendices, late floats).</summary>
    public static double TextPages(PageGeometry geometry, out PdfLine? referencesHeading)
    {
        referencesHeading = geometry.ReferencesHeading();
        var last = geometry.LastLineBefore(null);
        if (last is null) return 0;
        if (referencesHeading is null) return geometry.Bottom(last);
        double before = geometry.Top(referencesHeading);
        var after = geometry.NextHeading(referencesHeading);
        double trailing = after is null ? 0 : geometry.Bottom(last) - geometry.Top(after);
        return before + Math.Max(0, trailing);
    }

    /// <summary>Figure and table captions below the References heading: floats that LaTeX set after the references.</summary>
    public static IReadOnlyList<PdfLine> CaptionsAfter(PageGeometry geometry, PdfLine referencesHeading) =>
        geometry.BodyLines.Where(l => geometry.Top(l) > geometry.Top(referencesHeading) && IsCaption(l)).ToList();

    /// <summary>Whether a line starts a figure's or a table's caption ("Figure 3: …").</summary>
    public static bool IsCaption(PdfLine line) => Caption().IsMatch(line.Text);

    /// <summary>"Figure 3" of a caption line.</summary>
    public static string CaptionName(PdfLine caption) => Caption().Match(caption.Text).Groups["name"].Value;

    [GeneratedRegex(@"^(?<name>(Figure|Table) \d+):")]
    private static partial Regex Caption();

    /// <summary>From the References heading's top to the last reference's bottom.</summary>
    public static double ReferencePages(PageGeometry geometry, PdfLine heading)
    {
        var end = geometry.LastLineBefore(geometry.NextHeading(heading)) ?? heading;
        return geometry.Bottom(end) - geometry.Top(heading);
    }

    /// <summary>"title and abstract 0.35, Introduction 0.80, …": each part of the text from its heading to the next, in pages.</summary>
    public static string Breakdown(PageGeometry geometry)
    {
        var headings = geometry.Headings();
        var references = geometry.ReferencesHeading();
        var first = geometry.BodyLines.FirstOrDefault();
        if (first is null) return "nothing measured";
        var parts = new List<string>();
        if (headings.Count == 0 || geometry.Top(headings[0]) > geometry.Top(first))
            parts.Add($"title and abstract {Format((headings.Count == 0 ? geometry.Bottom(geometry.LastLineBefore(null)!) : geometry.Top(headings[0])) - geometry.Top(first))}");
        foreach (var heading in headings.TakeWhile(h => h != references))
        {
            var next = geometry.NextHeading(heading);
            double end = next is null ? geometry.Bottom(geometry.LastLineBefore(null)!) : geometry.Top(next);
            parts.Add($"{PageGeometry.HeadingText(heading)} {Format(end - geometry.Top(heading))}");
        }
        var floats = PageFloats.Of(geometry).Where(f => references is null || f.Top < geometry.Top(references)).ToList();
        return string.Join(", ", parts) + (floats.Count == 0 ? "" : "; of that, floats: " + string.Join(", ", floats.Select(f => $"{f.Name} {Format(f.Pages)}")));
    }

    public static string Format(double pages) => pages.ToString("F2", CultureInfo.InvariantCulture);
}
