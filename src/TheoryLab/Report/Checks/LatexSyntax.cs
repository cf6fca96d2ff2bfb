using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>The few pieces of LaTeX syntax the rules read: citations, labels, references, sections, environments.</summary>
internal static partial class LatexSyntax
{
    /// <summary>Citation commands in a line: the command (citep, citet, nocite, …) and the keys it cites.</summary>
    public static IEnumerable<(string Command, IReadOnlyList<string> Keys)> Citations(string text) =>
        Cite().Matches(text).Select(m => (m.Groups["command"].Value,
            (IReadOnlyList<string>)m.Groups["keys"].Value.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0).ToList()));

    /// <summary>Keys cited in the text (every citation command but \nocite).</summary>
    public static IEnumerable<string> CitedInText(string text) =>
        Citations(text).Where(c => c.Command != "nocite").SelectMany(c => c.Keys);

    public static IEnumerable<string> Labels(string text) => Label().Matches(text).Select(m => m.Groups[1].Value.Trim());

    /// <summary>Labels referred to by \ref, \cref, \autoref, \eqref, \pageref and friends (comma lists split).</summary>
    public static IEnumerable<string> References(string text) =>
        Reference().Matches(text).SelectMany(m => m.Groups[1].Value.Split(',')).Select(r => r.Trim()).Where(r => r.Length > 0);

    /// <summary>The title of a \section (or \section*) in the line, if any.</summary>
    public static string? SectionTitle(string text) => Section().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    public static IEnumerable<(string Name, bool Begins)> Environments(string text) =>
        Environment().Matches(text).Select(m => (m.Groups[2].Value, m.Groups[1].Value == "begin"));

    [GeneratedRegex(@"\\(?<command>[cC]ite[a-zA-Z]*|nocite)\*?(?:\s*\[[^\]]*\]){0,2}\s*\{(?<keys>[^}]*)\}")]
    private static partial Regex Cite();

    [GeneratedRegex(@"\\label\s*\{([^}]*)\}")]
    private static partial Regex Label();

    [GeneratedRegex(@"\\(?:ref|Ref|cref|Cref|autoref|eqref|pageref|nameref|vref|Vref|subref)\*?\s*\{([^}]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\\section\*?\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}")]
    private static partial Regex Section();

    [GeneratedRegex(@"\\(begin|end)\s*\{([^}]+)\}")]
    private static partial Regex Environment();
}
