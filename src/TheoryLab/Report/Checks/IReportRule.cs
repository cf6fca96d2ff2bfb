namespace TheoryLab.Report.Checks;

/// <summary>One of the course's rules (or a marker's advice), checked against a report.</summary>
internal interface IReportRule
{
    RuleInfo Info { get; }

    /// <summary>At least one row: a pass, a row per failure with where it is, or a not-checked row saying why.</summary>
    IEnumerable<RuleResult> Check(ReportDocument document);
}
