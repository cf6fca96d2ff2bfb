using TheoryLab.Citations;
namespace TheoryLab.Report.Checks;

/// <summary>
/// Everything the rules read about one report: its LaTeX source and bibliography (when the .tex is at hand),
/// its PDF's text with positions (when the PDF exists and poppler is installed), and the runs it uses.
/// </summary>
public sealed class ReportDocument
{
    public string? TexPath { get; init; }
    public string? PdfPath { get; init; }

    /// <summary>The source, or null when only a PDF was given and no .tex lies beside it.</summary>
    public TexSource? Source { get; init; }

    /// <summary>The PDF's text with positions, or null (see <see cref="LayoutMissing"/>).</summary>
    public PdfLayout? Layout { get; init; }

    /// <summary>Why there is no layout ("no PDF yet", "poppler is not installed"), with what to do; null when there is one.</summary>
    public string? LayoutMissing { get; init; }

    /// <summary>The bibliography's entries by key (from the files \bibliography names).</summary>
    public IReadOnlyDictionary<string, BibEntry> Bibliography { get; init; } = new Dictionary<string, BibEntry>();

    /// <summary>The runs report.json lists; empty when the report has no manifest.</summary>
    public IReadOnlyList<ReportRun> Runs { get; init; } = [];

    /// <summary>Font names the PDF embeds (pdffonts), empty when unknown.</summary>
    public IReadOnlyList<string> Fonts { get; init; } = [];
}
