namespace TheoryLab.Report.Checks;

/// <summary>No placeholder of the template is left (\tlplaceholder{…}, shown as "[To write: …]").</summary>
internal sealed class PlaceholdersRule : IReportRule
{
    public RuleInfo Info { get; } = new("placeholders", RuleSeverity.Hard, "No template placeholder (\"[To write: …]\") is left.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        var found = document.Source is not null
            ? document.Source.Body.Where(l => l.Text.Contains(@"\tlplaceholder{", StringComparison.Ordinal)).Select(l => l.Where).ToList()
            : document.Layout?.Lines.Where(l => l.Text.Contains("[To write:", StringComparison.Ordinal)).Select(l => $"page {l.Page}").Distinct().ToList();
        if (found is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "nothing to read", "check main.tex, or build the PDF"); yield break; }
        foreach (var where in found)
            yield return RuleResult.Fail(Info, where, "a placeholder of the template is still there", "replace the [To write: …] text with your own");
        if (found.Count == 0) yield return RuleResult.Pass(Info, "none left");
    }
}
