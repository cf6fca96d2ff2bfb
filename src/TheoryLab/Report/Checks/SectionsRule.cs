using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>The sections a mini-project report needs are there: abstract, introduction, related work, experiments, discussion, code, references.</summary>
internal sealed class SectionsRule : IReportRule
{
    private static readonly (string Name, Regex Pattern)[] Required =
    [
        ("Introduction", new(@"^introduction", RegexOptions.IgnoreCase)),
        ("Related work", new(@"related|prior work|background|literature", RegexOptions.IgnoreCase)),
        ("Experiments", new(@"experiment|simulation|result|numerical", RegexOptions.IgnoreCase)),
        ("Discussion", new(@"discussion|conclusion", RegexOptions.IgnoreCase)),
    ];

    public RuleInfo Info { get; } = new("sections", RuleSeverity.Soft, "The report has an abstract, an introduction, related work, experiments, a discussion and references.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        List<string> titles;
        bool hasAbstract, hasReferences;
        if (document.Source is not null)
        {
            titles = document.Source.Body.Select(l => LatexSyntax.SectionTitle(l.Text)).OfType<string>().ToList();
            hasAbstract = document.Source.Body.Any(l => l.Text.Contains(@"\begin{abstract}", StringComparison.Ordinal));
            hasReferences = document.Source.Body.Any(l => l.Text.Contains(@"\bibliography{", StringComparison.Ordinal) || l.Text.Contains(@"\begin{thebibliography}", StringComparison.Ordinal));
        }
        else if (document.Layout is not null)
        {
            var geometry = new PageGeometry(document.Layout);
            titles = geometry.Headings().Select(PageGeometry.HeadingText).ToList();
            hasAbstract = document.Layout.Lines.Any(l => l.Text == "Abstract");
            hasReferences = geometry.ReferencesHeading() is not null;
        }
        else
        {
            yield return RuleResult.Skip(Info, document.LayoutMissing ?? "nothing to read", "check main.tex, or build the PDF");
            yield break;
        }
        var missing = Required.Where(r => !titles.Any(r.Pattern.IsMatch)).Select(r => r.Name).ToList();
        if (!hasAbstract) missing.Insert(0, "Abstract");
        if (!hasReferences) missing.Add("References");
        if (missing.Count == 0)
            yield return RuleResult.Pass(Info, "all present");
        else
            yield return RuleResult.Fail(Info, Path.GetFileName(document.TexPath ?? document.PdfPath ?? ""), "missing: " + string.Join(", ", missing),
                "add the missing parts; 'theorylab report new' writes a main.tex with all of them");
    }
}
