using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>A line of the report's LaTeX source with comments removed, and where it is.</summary>
/// <param name="File">Path relative to the report directory.</param>
/// <param name="InBody">True after \begin{document}.</param>
public sealed record SourceLine(string File, int Number, string Text, bool InBody)
{
    public string Where => $"{File}:{Number}";
}

/// <summary>
/// The report's LaTeX source in reading order: main.tex with every \input and \include of a .tex file expanded
/// in place (PGF/TikZ pictures are not prose and are skipped), comments removed, each line knowing its file and number.
/// </summary>
public sealed partial class TexSource
{
    private TexSource(string mainPath, IReadOnlyList<SourceLine> lines, IReadOnlyList<string> bibliographies)
    {
        MainPath = mainPath;
        Lines = lines;
        BibliographyFiles = bibliographies;
    }

    public string MainPath { get; }
    public string Directory => Path.GetDirectoryName(MainPath)!;
    public IReadOnlyList<SourceLine> Lines { get; }

    /// <summary>The .bib files named by \bibliography{...}, as full paths.</summary>
    public IReadOnlyList<string> BibliographyFiles { get; }

    /// <summary>The lines after \begin{document}.</summary>
    public IEnumerable<SourceLine> Body => Lines.Where(l => l.InBody);

    public static TexSource Load(string mainPath)
    {
        string main = Path.GetFullPath(mainPath);
        var lines = new List<SourceLine>();
        var bibliographies = new List<string>();
        bool inBody = false;
        Read(main, Path.GetDirectoryName(main)!, lines, bibliographies, ref inBody, depth: 0);
        return new TexSource(main, lines, bibliographies);
    }

    private static void Read(string path, string root, List<SourceLine> lines, List<string> bibliographies, ref bool inBody, int depth)
    {
        string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        int number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            string text = StripComment(raw);
            if (text.Contains(@"\begin{document}", StringComparison.Ordinal)) inBody = true;
            lines.Add(new SourceLine(relative, number, text, inBody));
            foreach (Match m in Bibliography().Matches(text))
                bibliographies.AddRange(m.Groups[1].Value.Split(',').Select(b => Resolve(root, b.Trim(), ".bib")).OfType<string>());
            if (depth >= 16) continue;
            foreach (Match m in Input().Matches(text))
                if (Resolve(root, m.Groups[1].Value.Trim(), ".tex") is { } included && !included.EndsWith(".tikz", StringComparison.OrdinalIgnoreCase))
                    Read(included, root, lines, bibliographies, ref inBody, depth + 1);
        }
    }

    /// <summary>The file a LaTeX name refers to (adding <paramref name="extension"/> when it has none), or null when absent.</summary>
    private static string? Resolve(string root, string name, string extension)
    {
        string path = Path.Combine(root, name);
        if (File.Exists(path) && Path.HasExtension(name)) return path;
        return File.Exists(path + extension) ? path + extension : null;
    }

    /// <summary>Removes a % comment, keeping escaped \% signs.</summary>
    public static string StripComment(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] != '%') continue;
            int backslashes = 0;
            for (int j = i - 1; j >= 0 && line[j] == '\\'; j--) backslashes++;
            if (backslashes % 2 == 0) return line[..i];
        }
        return line;
    }

    [GeneratedRegex(@"\\(?:input|include)\s*\{([^}]+)\}")]
    private static partial Regex Input();

    [GeneratedRegex(@"\\bibliography\s*\{([^}]+)\}")]
    private static partial Regex Bibliography();
}
