using TheoryLab.Report.Latex;

namespace TheoryLab.Report.Checks;

/// <summary>The fonts a PDF embeds, from poppler's pdffonts.</summary>
internal static class PdfFonts
{
    /// <summary>Font names without subset prefixes ("NimbusRomNo9L-Regu"); empty when pdffonts is missing or fails.</summary>
    public static IReadOnlyList<string> Read(string pdfPath)
    {
        string? pdffonts = LatexTools.Find("pdffonts");
        if (pdffonts is null) return [];
        var outcome = ToolProcess.Run(pdffonts, [Path.GetFullPath(pdfPath)], Path.GetDirectoryName(Path.GetFullPath(pdfPath))!, TimeSpan.FromMinutes(1));
        if (outcome.ExitCode != 0) return [];
        return outcome.Output.Split('\n').Skip(2)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .OfType<string>()
            .Select(n => n.Length > 7 && n[6] == '+' ? n[7..] : n)
            .Distinct()
            .ToList();
    }
}
