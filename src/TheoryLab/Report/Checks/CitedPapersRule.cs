namespace TheoryLab.Report.Checks;

/// <summary>At least two research papers are cited in the body (two or more papers contrasted).</summary>
internal sealed class CitedPapersRule : IReportRule
{
    public const int Minimum = 2;

    public RuleInfo Info { get; } = new("papers-cited", RuleSeverity.Hard, "At least two research papers are cited in the text (two or more papers contrasted).");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Source is null) { yield return RuleResult.Skip(Info, "needs the LaTeX source and its bibliography", "check main.tex, or keep main.tex beside the PDF"); yield break; }
        var papers = ResearchPapers(document, Citations.InDiscussion(document.Source).Keys);
        var onlyInCode = ResearchPapers(document, Citations.InText(document.Source).Keys).Except(papers).ToList();
        if (papers.Count >= Minimum)
            yield return RuleResult.Pass(Info, $"{papers.Count} research papers cited: {string.Join(", ", papers.Take(8))}{(papers.Count > 8 ? ", …" : "")}");
        else
            yield return RuleResult.Fail(Info, RelatedWorkWhere(document.Source),
                $"{papers.Count} research paper(s) cited in the text; at least {Minimum} are needed" +
                (onlyInCode.Count == 0 ? "" : $" (the code description's citations of {string.Join(", ", onlyInCode)} credit the experiments reproduced and do not count)"),
                @"cite the papers you contrast where you discuss them, e.g. \citet{poole2016exponential} and \citet{schoenholz2017deep}; 'theorylab report export-bib' writes TheoryLab's references.bib, which has every course paper");
    }

    private static List<string> ResearchPapers(ReportDocument document, IEnumerable<string> keys) =>
        keys.Where(k => document.Bibliography.TryGetValue(k, out var e) && ReferenceKinds.IsResearchPaper(e)).ToList();

    private static string RelatedWorkWhere(TexSource source) =>
        source.Body.FirstOrDefault(l => LatexSyntax.SectionTitle(l.Text) is { } t && t.Contains("Related", StringComparison.OrdinalIgnoreCase))?.Where
        ?? Path.GetFileName(source.MainPath);
}
