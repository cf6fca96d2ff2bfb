using System.Text.RegularExpressions;

namespace TheoryLab.Report.Latex;

/// <summary>
/// Reads pdflatex's log (written with -file-line-error and unwrapped lines) and BibTeX's .blg into messages
/// located at file:line, so users see what went wrong and where instead of the raw log.
/// </summary>
public static partial class LatexLog
{
    /// <summary>Errors in a pdflatex log: "file:line: message", with the offending source line when the log shows it.</summary>
    public static IReadOnlyList<LatexMessage> Errors(string log)
    {
        var errors = new List<LatexMessage>();
        var lines = log.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            var m = FileLineError().Match(lines[i]);
            if (m.Success)
            {
                string message = m.Groups["message"].Value.Trim();
                if (message.StartsWith("==> Fatal error", StringComparison.Ordinal)) continue;
                errors.Add(new LatexMessage(Relative(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), message + Context(lines, i)));
            }
            else if (lines[i].StartsWith("! ", StringComparison.Ordinal) && !lines[i].Contains("Emergency stop", StringComparison.Ordinal))
            {
                int? line = ContextLineNumber(lines, i);
                errors.Add(new LatexMessage("main.tex", line, lines[i][2..].Trim() + Context(lines, i)));
            }
        }
        return errors.DistinctBy(e => e.ToString()).ToList();
    }

    /// <summary>Warnings worth a user's attention (undefined citations and references, overfull lines, package warnings), located by the file being read.</summary>
    public static IReadOnlyList<LatexMessage> Warnings(string log)
    {
        var warnings = new List<LatexMessage>();
        var files = new Stack<string?>();
        foreach (var raw in log.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            var warning = Warning().Match(line);
            var overfull = Overfull().Match(line);
            string current = files.FirstOrDefault(f => f is not null) ?? "main.tex";
            if (warning.Success && !Noise(warning.Groups["message"].Value))
            {
                int? at = warning.Groups["line"].Success ? int.Parse(warning.Groups["line"].Value) : null;
                warnings.Add(new LatexMessage(current, at, warning.Groups["message"].Value.Trim()));
            }
            else if (overfull.Success)
            {
                warnings.Add(new LatexMessage(current, int.Parse(overfull.Groups["line"].Value),
                    $"a line sticks out {overfull.Groups["points"].Value} beyond the text width; rephrase it or allow a break (long words, URLs, wide figures)"));
            }
            else
            {
                Track(line, files);
            }
        }
        return warnings.DistinctBy(w => w.ToString()).ToList();
    }

    /// <summary>BibTeX's errors ("---line N of file refs.bib") and missing entries, from its .blg.</summary>
    public static IReadOnlyList<LatexMessage> BibtexMessages(string blg)
    {
        var messages = new List<LatexMessage>();
        foreach (var raw in blg.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            var located = BibtexLocated().Match(line);
            var missing = BibtexMissingEntry().Match(line);
            var database = BibtexDatabase().Match(line);
            if (located.Success)
                messages.Add(new LatexMessage(located.Groups["file"].Value, int.Parse(located.Groups["line"].Value), "BibTeX: " + located.Groups["message"].Value.Trim()));
            else if (missing.Success)
                messages.Add(new LatexMessage("refs.bib", null, $"no entry for the cited key '{missing.Groups["key"].Value}'; add it to the bibliography or correct the \\cite"));
            else if (database.Success)
                messages.Add(new LatexMessage(database.Groups["file"].Value, null, "BibTeX cannot open this database file; check the name in \\bibliography{...}"));
        }
        return messages;
    }

    /// <summary>Follows "(file" and ")" in the log so a warning can name the file being read when it was given.</summary>
    private static void Track(string line, Stack<string?> files)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '(')
            {
                var m = OpenedFile().Match(line, i + 1);
                files.Push(m.Success && m.Index == i + 1 ? Relative(m.Value) : null);
            }
            else if (line[i] == ')' && files.Count > 0)
            {
                files.Pop();
            }
        }
    }

    /// <summary>
    /// What TeX shows after an error: its first context line ends exactly where TeX stopped, so its tail
    /// (and, for an undefined control sequence, its last command) says what went wrong.
    /// </summary>
    private static string Context(string[] lines, int from)
    {
        string first = from + 1 < lines.Length ? lines[from + 1].Trim() : "";
        if (first.Length == 0 || first.StartsWith("./", StringComparison.Ordinal)) return "";
        var command = LastCommand().Match(first);
        string culprit = lines[from].Contains("Undefined control sequence", StringComparison.Ordinal) && command.Success ? $" {command.Value}" : "";
        string tail = ErrorContext().Match(first) is { Success: true } m ? m.Groups["text"].Value.Trim() : first;
        if (tail.Length > 60) tail = "…" + tail[^59..];
        return $"{culprit} (at: {tail})";
    }

    /// <summary>The N of TeX's "l.N text" line after an error: where in the current file TeX stopped.</summary>
    private static int? ContextLineNumber(string[] lines, int from)
    {
        for (int j = from + 1; j < Math.Min(lines.Length, from + 12); j++)
            if (ErrorContext().Match(lines[j]) is { Success: true } m) return int.Parse(m.Groups["line"].Value);
        return null;
    }

    private static bool Noise(string message) =>
        message.StartsWith("There were undefined", StringComparison.Ordinal)
        || message.StartsWith("Label(s) may have changed", StringComparison.Ordinal)
        || message.Contains("has changed", StringComparison.Ordinal)
        || message.Contains("Rerun", StringComparison.Ordinal);

    private static string Relative(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    [GeneratedRegex(@"^(?<file>\.?/?[^:\s()]+\.(?:tex|tikz|sty|cls|bbl|aux)):(?<line>\d+):\s*(?<message>.*)$")]
    private static partial Regex FileLineError();

    [GeneratedRegex(@"\\[A-Za-z@]+$")]
    private static partial Regex LastCommand();

    [GeneratedRegex(@"^l\.(?<line>\d+)\s?(?<text>.*)$")]
    private static partial Regex ErrorContext();

    [GeneratedRegex(@"^(?:LaTeX|Package \S+|Class \S+) Warning: (?<message>.*?)(?: on input line (?<line>\d+))?\.?$")]
    private static partial Regex Warning();

    [GeneratedRegex(@"^Overfull \\hbox \((?<points>[\d.]+pt) too wide\).*?lines? (?<line>\d+)")]
    private static partial Regex Overfull();

    [GeneratedRegex(@"\G\.?/?[^\s()]+\.(?:tex|tikz|sty|cls|cfg|def|clo|fd|aux|bbl|out|toc)")]
    private static partial Regex OpenedFile();

    [GeneratedRegex(@"^(?<message>.*)---line (?<line>\d+) of file (?<file>\S+)")]
    private static partial Regex BibtexLocated();

    [GeneratedRegex(@"^Warning--I didn't find a database entry for ""(?<key>[^""]+)""")]
    private static partial Regex BibtexMissingEntry();

    [GeneratedRegex(@"^I couldn't open database file (?<file>\S+)")]
    private static partial Regex BibtexDatabase();
}
