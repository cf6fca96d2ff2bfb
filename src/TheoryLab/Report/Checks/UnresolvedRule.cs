using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>Every citation has a bibliography entry and every \ref a \label (no "[?]" or "??" in the PDF).</summary>
internal sealed partial class UnresolvedRule : IReportRule
{
    public RuleInfo Info { get; } = new("unresolved", RuleSeverity.Hard, "Every citation has a bibliography entry and every reference a label.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        var failures = document.Source is not null ? FromSource(document) : document.Layout is not null ? FromPdf(document.Layout) : null;
        if (failures is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "nothing to read", "check main.tex, or build the PDF"); yield break; }
        int count = 0;
        foreach (var failure in failures) { count++; yield return failure; }
        if (count == 0) yield return RuleResult.Pass(Info, "every citation and reference resolves");
    }

    private IEnumerable<RuleResult> FromSource(ReportDocument document)
    {
        var source = document.Source!;
        var labels = source.Lines.SelectMany(l => LatexSyntax.Labels(l.Text)).ToHashSet(StringComparer.Ordinal);
        foreach (var line in source.Body)
        {
            foreach (var key in LatexSyntax.Citations(line.Text).SelectMany(c => c.Keys).Where(k => k != "*" && !document.Bibliography.ContainsKey(k)))
                yield return RuleResult.Fail(Info, line.Where, $"citation '{key}' has no entry in the bibliography",
                    $"add the entry to refs.bib (TheoryLab's references.bib, which 'theorylab report export-bib' writes, may have it) or correct the key");
            foreach (var label in LatexSyntax.References(line.Text).Where(r => !labels.Contains(r)))
                yield return RuleResult.Fail(Info, line.Where, $"reference to '{label}', which no \\label defines", "correct the label name, or label the figure, table or section");
        }
    }

    private IEnumerable<RuleResult> FromPdf(PdfLayout layout)
    {
        foreach (var line in layout.Lines.Where(l => Unresolved().IsMatch(l.Text)))
            yield return RuleResult.Fail(Info, $"page {line.Page}", $"unresolved citation or reference in \"{line.Text}\"",
                "build again (references need two passes); if it stays, correct the \\cite key or \\ref label");
    }

    [GeneratedRegex(@"\[\?\]|\?\?|\(\?\)")]
    private static partial Regex Unresolved();
}
