using System.Text;
using System.Text.RegularExpressions;
using TheoryLab.Citations;

namespace TheoryLab.Report;

/// <summary>
/// A finding's expected source as gallery text: a BibTeX key, alone or inside a note ("theory: glorot2010understanding
/// eq. 5"), becomes a citation, so no key is printed; the rest is typeset text.
/// </summary>
internal static partial class GallerySources
{
    /// <summary>The keys of the bibliography that <paramref name="source"/> names.</summary>
    public static IEnumerable<string> Keys(string source) =>
        KeyLike().Matches(source).Select(m => m.Value).Where(Bibliography.Default.Contains);

    public static string Latex(string source)
    {
        var sb = new StringBuilder();
        int at = 0;
        foreach (Match key in KeyLike().Matches(source))
        {
            if (!Bibliography.Default.Contains(key.Value)) continue;
            sb.Append(LatexText.From(source[at..key.Index])).Append($@"\citet{{{key.Value}}}");
            at = key.Index + key.Length;
        }
        return sb.Append(LatexText.From(source[at..])).ToString();
    }

    /// <summary>Author, year and a word, as the bibliography's keys are written (pennington2017resurrecting).</summary>
    [GeneratedRegex(@"\b[a-z]+[0-9]{4}[a-z]+\b")]
    private static partial Regex KeyLike();
}
