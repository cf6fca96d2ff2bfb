using System.Text.RegularExpressions;

namespace TheoryLab.Report.Latex;

/// <summary>
/// Reads pdflatex's log (written with -file-line-error and unwrapped lines) and BibTeX's .blg into messages
/// located at file:line, so users see what went wrong and where instead of the raw log.
/// </summary>
public static partial class LatexLog
{
    /// <summary>
    /// Errors in a pdflatex log: "file:line: message", or TeX's own "! message" at the file TeX was reading, with the
    /// offending source line when the log shows it. A fatal error such as a line longer than TeX's buffer reaches
    /// only the <paramref name="terminal"/>, whose lines may come out of order (TeX writes it to two streams); it is
    /// placed at the file the log was reading when it stopped.
    /// </summary>
    public static IReadOnlyList<LatexMessage> Errors(string log, string terminal = "")
    {
        var errors = new List<LatexMessage>();
        var files = new LatexFileStack();
        var lines = Lines(log);
        for (int i = 0; i < lines.Length; i++)
        {
            var m = FileLineError().Match(lines[i]);
            int bang = TexErrorStart(lines[i]);
            if (m.Success)
            {
                string message = m.Groups["message"].Value.Trim();
                if (message.StartsWith("==> Fatal error", StringComparison.Ordinal)) continue;
                errors.Add(new LatexMessage(Relative(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), message + Context(lines, i)));
            }
            else if (bang >= 0)
            {
                files.Read(lines[i][..bang]);
                if (TexError(lines, i, bang, files.Current) is { } error) errors.Add(error);
            }
            else
            {
                files.Read(lines[i]);
            }
        }
        if (errors.Count == 0)
        {
            var output = Lines(terminal);
            for (int i = 0; i < output.Length; i++)
                if (TexErrorStart(output[i]) is var bang and >= 0 && TexError(output, i, bang, files.Current) is { } error) errors.Add(error);
        }
        return errors.DistinctBy(e => e.ToString()).ToList();
    }

    private static LatexMessage? TexError(string[] lines, int at, int bang, string? file)
    {
        string message = lines[at][(bang + 2)..].Trim();
        return message.Contains("Emergency stop", StringComparison.Ordinal) ? null
            : new LatexMessage(file ?? "main.tex", ContextLineNumber(lines, at), message + Context(lines, at));
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Warnings worth a user's attention (undefined citations and references, overfull lines, package warnings), located by the file being read.</summary>
    public static IReadOnlyList<LatexMessage> Warnings(string log)
    {
        var warnings = new List<LatexMessage>();
        var files = new LatexFileStack();
        foreach (var raw in log.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            var warning = Warning().Match(line);
            var overfull = Overfull().Match(line);
            var overfullPage = OverfullPage().Match(line);
            string current = files.Current ?? "main.tex";
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
            else if (overfullPage.Success)
            {
                warnings.Add(new LatexMessage(current, null,
                    $"a page holds {overfullPage.Groups["points"].Value} more than its text block, so something runs off its foot: a table that cannot break across pages (use longtable) or a float taller than the page"));
            }
            files.Read(line);
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

    /// <summary>
    /// Where TeX's "! message" starts in a line: at its start, or after nothing but files opened and closed (the
    /// terminal prints a fatal error right after the name of the file it could not read); -1 when there is none.
    /// </summary>
    private static int TexErrorStart(string line)
    {
        int bang = line.IndexOf("! ", StringComparison.Ordinal);
        return bang >= 0 && FilesOnly().IsMatch(line[..bang]) ? bang : -1;
    }

    /// <summary>
    /// What TeX shows after an error: its first context line ends exactly where TeX stopped, so its tail
    /// (and, for an undefined control sequence, its last command) says what went wrong.
    /// </summary>
    private static string Context(string[] lines, int from)
    {
        string first = from + 1 < lines.Length ? lines[from + 1].Trim() : "";
        if (!first.StartsWith('<') && !ErrorContext().IsMatch(first)) return "";
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

    internal static string Relative(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;

    [GeneratedRegex(@"^(?<file>\.?/?[^:\s()]+\.(?:tex|tikz|sty|cls|bbl|aux)):(?<line>\d+):\s*(?<message>.*)$")]
    private static partial Regex FileLineError();

    [GeneratedRegex(@"\\[A-Za-z@]+$")]
    private static partial Regex LastCommand();

    [GeneratedRegex(@"^l\.(?<line>\d+)\s?(?<text>.*)$")]
    private static partial Regex ErrorContext();

    [GeneratedRegex(@"^(?:LaTeX|Package \S+|Class \S+) Warning: (?<message>.*?)(?: on input line (?<line>\d+))?\.?$")]
    private static partial Regex Warning();

    /// <summary>"at lines A--B": A is a line of the file TeX was reading where the paragraph began, B of the file it reads now.</summary>
    [GeneratedRegex(@"^Overfull \\hbox \((?<points>[\d.]+pt) too wide\).*?lines? (?:\d+--)?(?<line>\d+)")]
    private static partial Regex Overfull();

    [GeneratedRegex(@"^Overfull \\vbox \((?<points>[\d.]+pt) too high\) has occurred while \\output is active")]
    private static partial Regex OverfullPage();

    [GeneratedRegex(@"^(?:\s|\(|\)|\.?/?[^\s()]+\.(?:tex|tikz|sty|cls|cfg|def|clo|fd|aux|bbl|out|toc))*$")]
    private static partial Regex FilesOnly();

    [GeneratedRegex(@"^(?<message>.*)---line (?<line>\d+) of file (?<file>\S+)")]
    private static partial Regex BibtexLocated();

    [GeneratedRegex(@"^Warning--I didn't find a database entry for ""(?<key>[^""]+)""")]
    private static partial Regex BibtexMissingEntry();

    [GeneratedRegex(@"^I couldn't open database file (?<file>\S+)")]
    private static partial Regex BibtexDatabase();
}
