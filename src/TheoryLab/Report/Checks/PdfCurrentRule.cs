namespace TheoryLab.Report.Checks;

/// <summary>The PDF measured is newer than every source file, so the page rules measured the current text.</summary>
internal sealed class PdfCurrentRule : IReportRule
{
    public RuleInfo Info { get; } = new("pdf-current", RuleSeverity.Soft, "The PDF was built after the last change to the source.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Source is null || document.PdfPath is null) { yield return RuleResult.Skip(Info, "needs both the source and the PDF", "build the report"); yield break; }
        var built = File.GetLastWriteTimeUtc(document.PdfPath);
        var newer = document.Source.Lines.Select(l => l.File).Distinct()
            .Where(f => File.GetLastWriteTimeUtc(Path.Combine(document.Source.Directory, f)) > built).ToList();
        if (newer.Count == 0)
            yield return RuleResult.Pass(Info, "the PDF is newer than the source");
        else
            yield return RuleResult.Fail(Info, newer[0], $"changed after the PDF was built: {string.Join(", ", newer)}", "rebuild with 'theorylab report build' so the page counts are current");
    }
}
