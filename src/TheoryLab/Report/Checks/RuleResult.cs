using System.Text.Json.Serialization;

namespace TheoryLab.Report.Checks;

/// <summary>Whether a rule held.</summary>
public enum RuleStatus
{
    [JsonStringEnumMemberName("passed")]
    Passed,
    [JsonStringEnumMemberName("failed")]
    Failed,
    /// <summary>The rule could not be measured (no PDF yet, no LaTeX source beside the PDF, poppler missing).</summary>
    [JsonStringEnumMemberName("not-checked")]
    NotChecked,
}

/// <summary>How much a rule matters: a hard rule is the course's; a soft rule is advice a marker would give.</summary>
public enum RuleSeverity
{
    [JsonStringEnumMemberName("hard")]
    Hard,
    [JsonStringEnumMemberName("soft")]
    Soft,
}

/// <summary>One row of a report check: the rule, whether it held, where (page or file:line), what was found and how to fix it.</summary>
/// <param name="Rule">Stable id, for example <c>text-pages</c>.</param>
/// <param name="Where">"page 3", "main.tex:42", or empty when the rule concerns the whole report.</param>
/// <param name="Message">What was measured or found.</param>
/// <param name="HowToFix">What to change; empty when the rule passed.</param>
public sealed record RuleResult(string Rule, RuleStatus Status, RuleSeverity Severity, string Where, string Message, string HowToFix)
{
    public bool Passed => Status == RuleStatus.Passed;

    public static RuleResult Pass(RuleInfo rule, string message, string where = "") => new(rule.Id, RuleStatus.Passed, rule.Severity, where, message, "");

    public static RuleResult Fail(RuleInfo rule, string where, string message, string howToFix) => new(rule.Id, RuleStatus.Failed, rule.Severity, where, message, howToFix);

    public static RuleResult Skip(RuleInfo rule, string why, string howToFix) => new(rule.Id, RuleStatus.NotChecked, rule.Severity, "", why, howToFix);
}

/// <summary>A rule's id, severity and what it requires, in one sentence.</summary>
public sealed record RuleInfo(string Id, RuleSeverity Severity, string Requirement);
