using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using TheoryLab.Report.Latex;

namespace TheoryLab.Report.Checks;

/// <summary>A line of text on a PDF page with its box in points, y growing downwards from the top edge.</summary>
public sealed record PdfLine(int Page, string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double Height => YMax - YMin;
}

/// <summary>A PDF page: its size in points and its lines in reading order.</summary>
public sealed record PdfPage(int Number, double Width, double Height, IReadOnlyList<PdfLine> Lines);

/// <summary>The text of a PDF with positions, from poppler's <c>pdftotext -bbox-layout</c>.</summary>
public sealed class PdfLayout(IReadOnlyList<PdfPage> pages)
{
    public IReadOnlyList<PdfPage> Pages { get; } = pages;

    public IEnumerable<PdfLine> Lines => Pages.SelectMany(p => p.Lines);

    /// <summary>Reads <paramref name="pdfPath"/> with pdftotext; throws <see cref="LatexToolMissingException"/> without poppler.</summary>
    public static PdfLayout Read(string pdfPath)
    {
        string pdftotext = LatexTools.Require("pdftotext", "measure the PDF's pages");
        string temp = Path.Combine(Path.GetTempPath(), $"theorylab-layout-{Guid.NewGuid():N}.html");
        try
        {
            var outcome = ToolProcess.Run(pdftotext, ["-bbox-layout", Path.GetFullPath(pdfPath), temp], Path.GetDirectoryName(Path.GetFullPath(pdfPath))!, TimeSpan.FromMinutes(1));
            if (outcome.ExitCode != 0 || !File.Exists(temp))
                throw new TheoryLabException($"pdftotext cannot read {pdfPath} ({outcome.Output.Trim()}); rebuild the PDF with 'theorylab report build'.");
            return Parse(File.ReadAllText(temp));
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Parses pdftotext's -bbox-layout XHTML.</summary>
    public static PdfLayout Parse(string xhtml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        // Math fonts map some glyphs to control characters, which XML does not allow.
        string clean = new(xhtml.Select(c => c < ' ' && c is not '\n' and not '\r' and not '\t' ? ' ' : c).ToArray());
        using var reader = XmlReader.Create(new StringReader(clean), settings);
        var doc = XDocument.Load(reader);
        var pages = new List<PdfPage>();
        foreach (var page in doc.Descendants().Where(e => e.Name.LocalName == "page"))
        {
            int number = pages.Count + 1;
            var lines = page.Descendants().Where(e => e.Name.LocalName == "line")
                .Select(l => new PdfLine(number,
                    string.Join(' ', l.Elements().Where(w => w.Name.LocalName == "word").Select(w => w.Value)),
                    Number(l, "xMin"), Number(l, "yMin"), Number(l, "xMax"), Number(l, "yMax")))
                .Where(l => l.Text.Length > 0)
                .ToList();
            pages.Add(new PdfPage(number, Number(page, "width"), Number(page, "height"), lines));
        }
        return new PdfLayout(pages);
    }

    private static double Number(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)?.Value ?? "0", CultureInfo.InvariantCulture);
}
