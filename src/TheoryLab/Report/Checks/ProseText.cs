using System.Text;
using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>
/// The report's running text as one string, each part remembering where it came from (file:line from the
/// source, or page from the PDF), so a phrase broken across lines is still found and reported at its start.
/// </summary>
internal sealed class ProseText
{
    private readonly List<(int Start, string Where)> _parts = [];
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    /// <summary>The report's prose from main.tex where the source is at hand, else from the PDF's text; null with neither.</summary>
    public static ProseText? Of(ReportDocument document) =>
        document.Source is not null ? FromSource(document.Source)
        : document.Layout is not null ? FromPdf(document.Layout)
        : null;

    /// <summary>What a prose rule reports when <see cref="Of"/> finds nothing to read.</summary>
    public static RuleResult Unread(RuleInfo rule, ReportDocument document) =>
        RuleResult.Skip(rule, document.LayoutMissing ?? "nothing to read", "check main.tex, or build the PDF");

    /// <summary>The body's prose from the LaTeX source.</summary>
    public static ProseText FromSource(TexSource source)
    {
        var prose = new ProseText();
        foreach (var (line, text) in TexProse.Of(source)) prose.Append(line.Where, text);
        return prose;
    }

    /// <summary>
    /// The PDF's text in reading order up to the References heading (titles of cited works are not the
    /// report's prose), words hyphenated across lines joined again.
    /// </summary>
    public static ProseText FromPdf(PdfLayout layout)
    {
        var geometry = new PageGeometry(layout);
        var references = geometry.ReferencesHeading();
        var prose = new ProseText();
        foreach (var line in layout.Lines.Where(l => references is null || geometry.Top(l) < geometry.Top(references)))
            prose.Append($"page {line.Page}", line.Text.Replace('\u2019', '\'').Replace('\u2018', '\''));
        return prose;
    }

    /// <summary>Where the text at <paramref name="index"/> came from.</summary>
    public string WhereAt(int index)
    {
        string where = "";
        foreach (var (start, w) in _parts)
        {
            if (start > index) break;
            where = w;
        }
        return where;
    }

    public IEnumerable<(string Where, Match Match)> Find(Regex pattern) =>
        pattern.Matches(Text).Select(m => (WhereAt(m.Index), m));

    private void Append(string where, string text)
    {
        bool hyphenated = _text.Length > 1 && _text[^1] == '-' && char.IsLetter(_text[^2]) && text.Length > 0 && char.IsLower(text[0]);
        if (hyphenated) _text.Length--;
        else if (_text.Length > 0) _text.Append(' ');
        _parts.Add((_text.Length, where));
        _text.Append(text);
    }
}
