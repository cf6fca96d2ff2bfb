using TheoryLab.Citations;
using TheoryLab.Report.Latex;

namespace TheoryLab.Report.Checks;

/// <summary>
/// Checks a report against the course's rules. Given main.tex, the text rules read the source (with file:line)
/// and the page rules measure the PDF beside it; given a PDF, the page rules measure it and the text rules read
/// its text (with pages), using the .tex beside it when there is one.
/// </summary>
public static class ReportChecker
{
    private static readonly IReportRule[] AllRules =
    [
        new TextPagesRule(),
        new ReferencePagesRule(),
        new TotalPagesRule(),
        new CodeDescriptionRule(),
        new CodeListingRule(),
        InformalPhrasingRule.Forbidden(),
        StatementRule.Contributions(),
        new CitedPapersRule(),
        new OriginalResearchRule(),
        new FloatsRule(),
        AttributionRule.SoftwareAndData(),
        new UnresolvedRule(),
        new PlaceholdersRule(),
        FormatRule.Page(),
        InformalPhrasingRule.Hedges(),
        StatementRule.Novelty(),
        AttributionRule.Papers(),
        new SectionsRule(),
        new PdfCurrentRule(),
        FormatRule.Fonts(),
    ];

    /// <summary>Every rule: id, hard or soft, and what it requires.</summary>
    public static IReadOnlyList<RuleInfo> Rules { get; } = AllRules.Select(r => r.Info).ToList();

    /// <summary>Checks the report at <paramref name="path"/>: main.tex, a PDF, or a report directory.</summary>
    public static ReportCheck Check(string path) => Check(Load(path));

    /// <summary>Checks an already loaded report (tests build documents by hand).</summary>
    public static ReportCheck Check(ReportDocument document) =>
        new(document.TexPath, document.PdfPath, AllRules.SelectMany(r => r.Check(document)).ToList());

    /// <summary>Reads what the rules need from the report at <paramref name="path"/>.</summary>
    public static ReportDocument Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) full = Path.Combine(full, ReportLayout.MainFile);
        string extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is not ".tex" and not ".pdf")
            throw new TheoryLabException($"cannot check {path}: give the report's main.tex, its PDF, or its directory.");
        if (!File.Exists(full))
            throw new TheoryLabException($"{full} does not exist; " + (extension == ".pdf" ? "build it with 'theorylab report build'." : "create a report with 'theorylab report new <dir>'."));

        string tex = Path.ChangeExtension(full, ".tex"), pdf = Path.ChangeExtension(full, ".pdf");
        var source = File.Exists(tex) ? TexSource.Load(tex) : null;
        var (layout, missing) = ReadLayout(pdf);
        string root = Path.GetDirectoryName(full)!;
        return new ReportDocument
        {
            TexPath = source?.MainPath,
            PdfPath = File.Exists(pdf) ? pdf : null,
            Source = source,
            Layout = layout,
            LayoutMissing = missing,
            Bibliography = source is null ? new Dictionary<string, BibEntry>() : ReadBibliography(source),
            Runs = ReadRuns(root),
            Fonts = layout is null ? [] : PdfFonts.Read(pdf),
        };
    }

    private static (PdfLayout? Layout, string? Missing) ReadLayout(string pdf)
    {
        if (!File.Exists(pdf)) return (null, $"no {Path.GetFileName(pdf)} yet");
        if (!LatexTools.PopplerAvailable) return (null, $"poppler-utils is not installed, so the PDF cannot be measured ({LatexTools.InstallCommand})");
        return (PdfLayout.Read(pdf), null);
    }

    private static Dictionary<string, BibEntry> ReadBibliography(TexSource source)
    {
        var entries = new Dictionary<string, BibEntry>(StringComparer.Ordinal);
        foreach (var file in source.BibliographyFiles)
            foreach (var entry in BibFile.Read(file))
                entries.TryAdd(entry.Key, entry);
        return entries;
    }

    private static IReadOnlyList<ReportRun> ReadRuns(string root) =>
        File.Exists(Path.Combine(root, ReportLayout.ManifestFile)) ? ReportManifest.Read(root).Runs : [];
}
