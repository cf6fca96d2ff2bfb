namespace TheoryLab.Report;

/// <summary>The files of a report directory.</summary>
public static class ReportLayout
{
    public const string MainFile = "main.tex";
    public const string PdfFile = "main.pdf";
    public const string StyleFile = "theorylab-neurips.sty";
    public const string BibliographyFile = "refs.bib";
    public const string FiguresFolder = "figures";

    /// <summary>Copies of each used run's run.json, findings.json and tables, under runs/&lt;prefix&gt;/.</summary>
    public const string RunsFolder = "runs";

    /// <summary>Which runs the report uses and which figure came from which run.</summary>
    public const string ManifestFile = "report.json";

    /// <summary>The code-description paragraph that <see cref="MethodsWriter"/> writes and main.tex inputs.</summary>
    public const string CodeDescriptionFile = "code-description.tex";

    public static string RunCopy(string reportDirectory, string prefix) => Path.Combine(reportDirectory, RunsFolder, prefix);
}
