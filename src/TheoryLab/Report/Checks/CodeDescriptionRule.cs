using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>The code is described in a section of its own, at most one page long (the code itself is never included whole).</summary>
internal sealed partial class CodeDescriptionRule : IReportRule
{
    public const double Limit = 1;

    public RuleInfo Info { get; } = new("code-description", RuleSeverity.Hard, "A section describes the code in at most one page.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        var sourceHeading = document.Source?.Body.FirstOrDefault(l => LatexSyntax.SectionTitle(l.Text) is { } t && CodeTitle().IsMatch(t));
        if (document.Layout is null)
        {
            if (document.Source is not null && sourceHeading is null)
                yield return Missing(document.Source.MainPath);
            else
                yield return RuleResult.Skip(Info, (document.LayoutMissing ?? "no PDF") + "; the section's length needs the PDF", "build the report, then check main.pdf");
            yield break;
        }
        var geometry = new PageGeometry(document.Layout);
        var heading = geometry.Headings().FirstOrDefault(h => CodeTitle().IsMatch(PageGeometry.HeadingText(h)));
        if (heading is null)
        {
            yield return Missing(document.TexPath ?? document.PdfPath ?? "report");
            yield break;
        }
        var next = geometry.NextHeading(heading);
        double start = geometry.Top(heading), end = next is null ? geometry.Bottom(geometry.LastLineBefore(null)!) : geometry.Top(next);
        // Floats LaTeX set inside the section belong to the parts that cite them, not to the description.
        double floats = PageFloats.Of(geometry).Sum(f => f.Overlap(start, end));
        double length = end - start - floats;
        string where = sourceHeading is null ? $"page {heading.Page}" : $"{sourceHeading.Where} (page {heading.Page})";
        string measured = $"'{PageGeometry.HeadingText(heading)}' is {PageCount.Format(length)} pages long" +
            (floats > 0 ? $" (not counting {PageCount.Format(floats)} pages of floats set inside it)" : "");
        if (length <= Limit + PageGeometry.Tolerance)
            yield return RuleResult.Pass(Info, measured, where);
        else
            yield return RuleResult.Fail(Info, where, measured + $", over the limit of {Limit}",
                "describe what the code does and how to reproduce the runs, not the code itself; 'theorylab report methods' writes a one-paragraph description");
    }

    private RuleResult Missing(string where) =>
        RuleResult.Fail(Info, Path.GetFileName(where), "no section describing the code (a heading such as 'Code description')",
            @"add \section{Code description} with \input{code-description}; 'theorylab report methods' writes that file from the runs");

    /// <summary>Whether a section title names the code description ("Code description", "Implementation", …).</summary>
    public static bool IsCodeTitle(string title) => CodeTitle().IsMatch(title);

    [GeneratedRegex(@"^(code|software|implementation)(\s+(description|and data|availability))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeTitle();
}
