using TheoryLab.Citations;
namespace TheoryLab.Report.Checks;

/// <summary>Original research articles are among the references, not only books, reviews and software.</summary>
internal sealed class OriginalResearchRule : IReportRule
{
    public RuleInfo Info { get; } = new("original-research", RuleSeverity.Hard, "Original research articles are among the references (not only books and reviews).");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Source is null) { yield return RuleResult.Skip(Info, "needs the LaTeX source and its bibliography", "check main.tex, or keep main.tex beside the PDF"); yield break; }
        var cited = document.Source.Body.SelectMany(l => LatexSyntax.Citations(l.Text).SelectMany(c => c.Keys)).Distinct()
            .Select(k => document.Bibliography.TryGetValue(k, out var e) ? e : null).OfType<BibEntry>().ToList();
        var original = cited.Where(ReferenceKinds.IsOriginalResearch).Select(e => e.Key).ToList();
        var reviews = cited.Where(e => ReferenceKinds.IsResearchPaper(e) && ReferenceKinds.IsReview(e)).Select(e => e.Key).ToList();
        if (original.Count > 0)
            yield return RuleResult.Pass(Info, $"{original.Count} original research article(s)" + (reviews.Count > 0 ? $"; reviews: {string.Join(", ", reviews)}" : ""));
        else
            yield return RuleResult.Fail(Info, Path.GetFileName(document.Source.MainPath),
                "no original research article among the references" + (reviews.Count > 0 ? $" (only reviews: {string.Join(", ", reviews)})" : ""),
                "cite the original papers whose results you test, not only reviews, books or software");
    }
}
