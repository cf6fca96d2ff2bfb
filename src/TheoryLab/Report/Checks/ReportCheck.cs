using System.Text.Json;

namespace TheoryLab.Report.Checks;

/// <summary>The outcome of checking a report against the course's rules: one or more rows per rule.</summary>
/// <param name="TexPath">The LaTeX source checked, when there was one.</param>
/// <param name="PdfPath">The PDF measured, when there was one.</param>
public sealed record ReportCheck(string? TexPath, string? PdfPath, IReadOnlyList<RuleResult> Results)
{
    /// <summary>True when a hard rule failed or could not be measured: the CLI exits non-zero.</summary>
    public bool HasHardFailures => Results.Any(r => r.Severity == RuleSeverity.Hard && r.Status != RuleStatus.Passed);

    public IEnumerable<RuleResult> Failures => Results.Where(r => r.Status == RuleStatus.Failed);

    /// <summary>The check as JSON (for <c>--json</c>): paths, whether a hard rule failed, and every row.</summary>
    public string ToJson() => JsonSerializer.Serialize(new ReportCheckDocument(TexPath, PdfPath, HasHardFailures, Results), ReportJson.Default.ReportCheckDocument);
}

/// <summary>The shape of <c>report check --json</c>.</summary>
public sealed record ReportCheckDocument(string? TexPath, string? PdfPath, bool HasHardFailures, IReadOnlyList<RuleResult> Results);
