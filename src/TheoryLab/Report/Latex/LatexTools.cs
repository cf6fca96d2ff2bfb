namespace TheoryLab.Report.Latex;

/// <summary>Finds the external programs reports need: latexmk and pdflatex (TeX Live), poppler's pdftotext and friends.</summary>
public static class LatexTools
{
    /// <summary>The Debian/Ubuntu packages that provide everything reports use (pgfplots is in texlive-pictures).</summary>
    public static readonly IReadOnlyList<string> DebianPackages =
        ["texlive-latex-recommended", "texlive-fonts-recommended", "texlive-pictures", "latexmk", "poppler-utils"];

    /// <summary>The install command for <see cref="DebianPackages"/>.</summary>
    public static string InstallCommand => "sudo apt-get install " + string.Join(' ', DebianPackages);

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program) => ProgramPath.Find(program);

    /// <summary>The path of <paramref name="program"/>, or a <see cref="LatexToolMissingException"/> that says what to install.</summary>
    public static string Require(string program, string purpose) =>
        Find(program) ?? throw new LatexToolMissingException(program, purpose);

    /// <summary>True when latexmk, pdflatex and bibtex are all on PATH.</summary>
    public static bool LatexAvailable => Find("latexmk") is not null && Find("pdflatex") is not null && Find("bibtex") is not null;

    /// <summary>True when poppler's pdftotext and pdfinfo are on PATH.</summary>
    public static bool PopplerAvailable => Find("pdftotext") is not null && Find("pdfinfo") is not null;
}

/// <summary>A program reports need is not installed; the message names the Debian/Ubuntu packages that provide it.</summary>
public sealed class LatexToolMissingException(string program, string purpose)
    : TheoryLabException($"{program} is not installed, so TheoryLab cannot {purpose}. On Debian or Ubuntu install LaTeX and poppler with: {LatexTools.InstallCommand}")
{
    public string Program { get; } = program;
}
