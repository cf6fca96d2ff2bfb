using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>A statement the report must make somewhere in its text, found by a pattern.</summary>
internal sealed class StatementRule(RuleInfo info, Regex pattern, string missing, string howToFix) : IReportRule
{
    /// <summary>Contributions stated plainly: "In this paper we …" or "Our contributions …".</summary>
    public static StatementRule Contributions() => new(
        new RuleInfo("contributions", RuleSeverity.Hard, "The contributions are stated plainly (\"In this paper we …\")."),
        new Regex(@"\bin this (paper|report|work|project|study),? we\b|\bour (main )?contributions?\b|\bwe contribute\b", RegexOptions.IgnoreCase),
        "no sentence states the contributions",
        "say in the abstract or introduction what the report does: \"In this paper we compare … and show …\"");

    /// <summary>Which simulations are novel, said explicitly.</summary>
    public static StatementRule Novelty() => new(
        new RuleInfo("novelty", RuleSeverity.Soft, "The report says which simulations are novel (\"… are novel, to the best of our knowledge\")."),
        new Regex(@"\bnovel\b|\bto the best of our knowledge\b|\bnot been (reported|studied|measured|simulated)\b", RegexOptions.IgnoreCase),
        "the report does not say which simulations are novel",
        "state it: \"The experiments in Figure 2 are novel (to the best of our knowledge)\"");

    public RuleInfo Info { get; } = info;

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (ProseText.Of(document) is not { } prose) { yield return ProseText.Unread(Info, document); yield break; }
        var first = prose.Find(pattern).FirstOrDefault();
        if (first.Match is not null)
            yield return RuleResult.Pass(Info, $"\"{first.Match.Value}\"", first.Where);
        else
            yield return RuleResult.Fail(Info, document.Source is not null ? IntroductionWhere(document.Source) : "page 1", missing, howToFix);
    }

    private static string IntroductionWhere(TexSource source) =>
        source.Body.FirstOrDefault(l => LatexSyntax.SectionTitle(l.Text) is { } t && t.Contains("Introduction", StringComparison.OrdinalIgnoreCase))?.Where
        ?? Path.GetFileName(source.MainPath);
}
