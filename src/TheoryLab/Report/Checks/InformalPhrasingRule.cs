namespace TheoryLab.Report.Checks;

/// <summary>Flags each informal phrase at its line (or page, when only the PDF is at hand).</summary>
internal sealed class InformalPhrasingRule(RuleInfo info, IReadOnlyList<InformalPhrase> phrases) : IReportRule
{
    /// <summary>The course's rule: no "hope", "like to", "try to", and no contractions.</summary>
    public static InformalPhrasingRule Forbidden() =>
        new(new RuleInfo("informal-phrasing", RuleSeverity.Hard, "Academic tone: no \"hope\", \"like to\", \"try to\" and no contractions."), InformalPhrases.Forbidden);

    /// <summary>A marker's advice: hedges and colloquial words.</summary>
    public static InformalPhrasingRule Hedges() =>
        new(new RuleInfo("hedges", RuleSeverity.Soft, "No hedges or colloquial words (a lot, kind of, basically, we think, stuff, …)."), InformalPhrases.Hedges);

    public RuleInfo Info { get; } = info;

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (ProseText.Of(document) is not { } prose) { yield return ProseText.Unread(Info, document); yield break; }
        var found = phrases
            .SelectMany(p => prose.Find(p.Pattern).Select(f => (f.Where, f.Match, p.Instead)))
            .OrderBy(f => f.Match.Index)
            .ToList();
        foreach (var (where, match, instead) in found)
            yield return RuleResult.Fail(Info, where, $"\"{match.Value}\" in \"{Excerpt(prose.Text, match.Index, match.Length)}\"", instead);
        if (found.Count == 0) yield return RuleResult.Pass(Info, "none found");
    }

    private static string Excerpt(string text, int index, int length)
    {
        int start = Math.Max(0, index - 30), end = Math.Min(text.Length, index + length + 30);
        return (start > 0 ? "…" : "") + text[start..end].Trim() + (end < text.Length ? "…" : "");
    }
}
