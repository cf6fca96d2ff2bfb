using TheoryLab.Citations;
using TheoryLab.Data;
namespace TheoryLab.Report.Checks;

/// <summary>
/// Every dataset and software the report's runs used is cited in the text (hard), and so is every paper
/// they reproduce (soft). The runs are those report.json lists.
/// </summary>
internal sealed class AttributionRule(bool papers) : IReportRule
{
    public static AttributionRule SoftwareAndData() => new(papers: false);
    public static AttributionRule Papers() => new(papers: true);

    public RuleInfo Info { get; } = papers
        ? new("run-papers-cited", RuleSeverity.Soft, "The papers the included runs reproduce are cited.")
        : new("software-data-cited", RuleSeverity.Hard, "Every dataset and software the included runs used is cited.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Source is null) { yield return RuleResult.Skip(Info, "needs the LaTeX source", "check main.tex, or keep main.tex beside the PDF"); yield break; }
        if (document.Runs.Count == 0) { yield return RuleResult.Pass(Info, "the report lists no runs (report.json); nothing to attribute"); yield break; }
        var cited = Citations.InText(document.Source);
        int problems = 0;
        foreach (var run in document.Runs)
        {
            var missing = run.Citations.Where(k => IsSoftwareOrData(k) != papers && !cited.ContainsKey(k)).ToList();
            if (missing.Count == 0) continue;
            problems++;
            yield return RuleResult.Fail(Info, $"{ReportLayout.ManifestFile}: run {run.Prefix}",
                $"run {run.Prefix} ({run.Experiment}) used {string.Join(", ", missing)}, not cited in the text",
                $@"cite {string.Join(", ", missing.Select(k => $@"\citep{{{k}}}"))} where the run is described; 'theorylab report methods' writes a code description that does");
        }
        if (problems == 0) yield return RuleResult.Pass(Info, $"all {document.Runs.Count} run(s) attributed");
    }

    private static bool IsSoftwareOrData(string key) => Bibliography.AlwaysCited.Contains(key) || Datasets.CitationKeys.Contains(key);
}
