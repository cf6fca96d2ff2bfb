using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>
/// The prose of the report body, line by line: math, pictures, verbatim code, labels, references, citations,
/// file names and command names removed, so phrasing rules read only what a reader reads as words.
/// </summary>
internal static partial class TexProse
{
    private static readonly HashSet<string> Skipped =
    [
        "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "eqnarray", "eqnarray*",
        "displaymath", "math", "tikzpicture", "axis", "semilogxaxis", "semilogyaxis", "loglogaxis", "verbatim", "Verbatim",
        "lstlisting", "minted", "comment", "tabular", "tabular*", "thebibliography",
    ];

    public static IEnumerable<(SourceLine Line, string Prose)> Of(TexSource source)
    {
        int skipping = 0;
        foreach (var line in source.Body)
        {
            string text = line.Text;
            foreach (var (name, begins) in LatexSyntax.Environments(text))
                if (Skipped.Contains(name)) skipping += begins ? 1 : -1;
            if (skipping > 0 || text.Contains(@"\end{", StringComparison.Ordinal) && SkippedEnd(text)) continue;
            string prose = Clean(text);
            if (prose.Length > 0) yield return (line, prose);
        }
    }

    /// <summary>Drops everything but words from one line of LaTeX.</summary>
    public static string Clean(string text)
    {
        string s = InlineMath().Replace(text, " ");
        s = NonProseArgument().Replace(s, " ");
        s = Command().Replace(s, " ");
        s = s.Replace('{', ' ').Replace('}', ' ').Replace('~', ' ').Replace("``", "\"").Replace("''", "\"");
        return Spaces().Replace(s, " ").Trim();
    }

    private static bool SkippedEnd(string text) =>
        LatexSyntax.Environments(text).Any(e => !e.Begins && Skipped.Contains(e.Name));

    [GeneratedRegex(@"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]")]
    private static partial Regex InlineMath();

    [GeneratedRegex(@"\\(?:label|ref|Ref|cref|Cref|autoref|eqref|pageref|nameref|[cC]ite[a-zA-Z]*|nocite|input|include|includegraphics|url|href|bibliography|bibliographystyle|usepackage|documentclass|begin|end|newcommand|renewcommand|tlplaceholder|texttt|pgfplotsset|hypersetup|vspace|hspace|setlength)\*?(?:\s*\[[^\]]*\])*(?:\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})?")]
    private static partial Regex NonProseArgument();

    [GeneratedRegex(@"\\[a-zA-Z@]+\*?|\\.")]
    private static partial Regex Command();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
