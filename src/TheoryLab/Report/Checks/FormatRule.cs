using System.Globalization;
using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>The NeurIPS page: US letter, text inside the 5.5 in × 9 in block 1.5 in from the left edge; Times as the text font (soft).</summary>
internal sealed partial class FormatRule(bool fonts) : IReportRule
{
    private const double Letter = 612, LetterHeight = 792, Left = 108, Right = 504, Slack = 6;

    public static FormatRule Page() => new(fonts: false);
    public static FormatRule Fonts() => new(fonts: true);

    public RuleInfo Info { get; } = fonts
        ? new("fonts", RuleSeverity.Soft, "The text is set in Times, as in the NeurIPS style.")
        : new("page-format", RuleSeverity.Hard, "NeurIPS page: US letter, text within the 5.5 in × 9 in block.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Layout is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "no PDF", "build the report, then check main.pdf"); yield break; }
        if (fonts)
        {
            if (document.Fonts.Count == 0) yield return RuleResult.Skip(Info, "pdffonts is not installed or could not read the PDF", "install poppler-utils");
            else if (document.Fonts.Any(f => Times().IsMatch(f))) yield return RuleResult.Pass(Info, "Times is embedded");
            else yield return RuleResult.Fail(Info, "", $"no Times font embedded (fonts: {string.Join(", ", document.Fonts.Take(6))})",
                @"use the NeurIPS style (\usepackage{theorylab-neurips} or the official neurips_20XX.sty), which sets Times");
            yield break;
        }
        int problems = 0;
        foreach (var page in document.Layout.Pages.Where(p => Math.Abs(p.Width - Letter) > 1 || Math.Abs(p.Height - LetterHeight) > 1).Take(1))
        {
            problems++;
            yield return RuleResult.Fail(Info, $"page {page.Number}", $"the page is {Inches(page.Width)} × {Inches(page.Height)} in, not US letter (8.5 × 11 in)",
                @"use the NeurIPS style, which sets letterpaper; remove a4paper options");
        }
        var geometry = new PageGeometry(document.Layout);
        // Line numbers of a submission copy sit in the margin on purpose; they are not text.
        var outside = geometry.BodyLines.Where(l => (l.XMin < Left - Slack || l.XMax > Right + Slack) && !l.Text.All(c => char.IsDigit(c) || c == ' '));
        foreach (var line in outside.GroupBy(l => l.Page).Select(g => g.First()))
        {
            problems++;
            double beyond = Math.Max(Left - line.XMin, line.XMax - Right);
            yield return RuleResult.Fail(Info, $"page {line.Page}", $"\"{Shorten(line.Text)}\" reaches {beyond.ToString("F0", CultureInfo.InvariantCulture)} pt outside the text block",
                @"an overfull line or a figure wider than the text: rephrase, allow a break, or set the width to \linewidth");
        }
        if (problems == 0) yield return RuleResult.Pass(Info, "US letter, text within the 5.5 in × 9 in block");
    }

    private static string Inches(double points) => (points / 72).ToString("F2", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 50 ? text : text[..49] + "…";

    [GeneratedRegex(@"Times|NimbusRom|TeXGyreTermes|ptm|Termes|Tinos", RegexOptions.IgnoreCase)]
    private static partial Regex Times();
}
