namespace TheoryLab.Report.Latex;

/// <summary>
/// Compiles a report with latexmk (pdflatex + bibtex, as many passes as cross-references need) and turns
/// LaTeX's log into errors and warnings at file:line.
/// </summary>
public static class ReportBuilder
{
    /// <summary>Longest a build may take before it is stopped.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>TeX Live settings that keep log lines unwrapped, so every message is one line.</summary>
    private static readonly Dictionary<string, string> UnwrappedLog = new()
    {
        ["max_print_line"] = "100000",
        ["error_line"] = "254",
        ["half_error_line"] = "238",
    };

    /// <summary>
    /// Builds <c>main.tex</c> in <paramref name="directory"/> (or the .tex file given) into a PDF beside it.
    /// Throws <see cref="LatexToolMissingException"/> when LaTeX is not installed.
    /// </summary>
    public static BuildResult Build(string directory, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        string texPath = Path.GetFullPath(File.Exists(directory) ? directory : Path.Combine(directory, ReportLayout.MainFile));
        if (!File.Exists(texPath))
            throw new TheoryLabException($"no {Path.GetFileName(texPath)} in {Path.GetDirectoryName(texPath)}; create a report with 'theorylab report new <dir>'.");
        string latexmk = LatexTools.Require("latexmk", "build the report");
        LatexTools.Require("pdflatex", "build the report");
        LatexTools.Require("bibtex", "build the report's references");

        string root = Path.GetDirectoryName(texPath)!;
        string stem = Path.GetFileNameWithoutExtension(texPath);
        string pdf = Path.Combine(root, stem + ".pdf");
        string log = Path.Combine(root, stem + ".log");
        string blg = Path.Combine(root, stem + ".blg");
        var outcome = ToolProcess.Run(latexmk,
            ["-pdf", "-bibtex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error", Path.GetFileName(texPath)],
            root, timeout ?? DefaultTimeout, UnwrappedLog, cancellation);

        string logText = File.Exists(log) ? File.ReadAllText(log) : "";
        var bibtex = File.Exists(blg) ? LatexLog.BibtexMessages(File.ReadAllText(blg)) : [];
        var errors = LatexLog.Errors(logText, outcome.Output).ToList();
        bool succeeded = outcome.ExitCode == 0 && errors.Count == 0 && File.Exists(pdf);
        if (!succeeded)
        {
            errors.AddRange(bibtex.Where(m => m.Line is not null || m.Message.Contains("cannot open", StringComparison.Ordinal)));
            if (errors.Count == 0)
                errors.Add(new LatexMessage(Path.GetFileName(texPath), null, "latexmk failed without a LaTeX error in its log or output: " + LastLines(outcome.Output, 3)));
        }
        var warnings = LatexLog.Warnings(logText).Concat(bibtex.Where(m => !errors.Contains(m))).ToList();
        return new BuildResult(succeeded, succeeded ? pdf : null, errors, warnings, outcome.Elapsed, log);
    }

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
