namespace TheoryLab.Report.Latex;

/// <summary>An error or warning from LaTeX or BibTeX, located at file:line where the log says.</summary>
/// <param name="File">Path relative to the report directory (main.tex, figures/x.tex, refs.bib).</param>
/// <param name="Line">1-based line, when known.</param>
public sealed record LatexMessage(string File, int? Line, string Message)
{
    public string Where => Line is { } line ? $"{File}:{line}" : File;

    public override string ToString() => $"{Where}: {Message}";
}
