using TheoryLab.Report.Latex;

namespace TheoryLab.Report;

/// <summary>PNG images of a PDF's pages, beside it (poppler's pdftoppm).</summary>
public static class PageImages
{
    /// <summary>Writes &lt;stem&gt;-&lt;page&gt;.png beside <paramref name="pdfPath"/>; returns their paths in page order.</summary>
    public static IReadOnlyList<string> Write(string pdfPath, int dpi = 80)
    {
        string pdftoppm = LatexTools.Require("pdftoppm", "render the PDF's pages as images");
        string folder = Path.GetDirectoryName(Path.GetFullPath(pdfPath))!;
        string stem = Path.GetFileNameWithoutExtension(pdfPath);
        foreach (var old in Directory.EnumerateFiles(folder, stem + "-*.png")) File.Delete(old);
        var outcome = ToolProcess.Run(pdftoppm, ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFullPath(pdfPath), Path.Combine(folder, stem)],
            folder, TimeSpan.FromMinutes(5));
        if (outcome.ExitCode != 0)
            throw new TheoryLabException($"pdftoppm could not render {pdfPath}: {outcome.Output.Trim()}");
        return Directory.EnumerateFiles(folder, stem + "-*.png").Order(StringComparer.Ordinal).ToList();
    }
}
