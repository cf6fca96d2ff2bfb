using System.Text.Json;
using TheoryLab.Figures;

namespace TheoryLab.Report;

/// <summary>report.json: the report's title and author, the runs it uses, and which figure came from which run.</summary>
public sealed record ReportManifest
{
    public required string Title { get; init; }
    public required string Author { get; init; }
    public List<ReportRun> Runs { get; init; } = [];

    /// <summary>Figures that show two panels side by side, each panel one of the runs' figures.</summary>
    public List<ReportPair> Pairs { get; init; } = [];

    public static ReportManifest Read(string reportDirectory)
    {
        string path = Path.Combine(reportDirectory, ReportLayout.ManifestFile);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ReportJson.Default.ReportManifest)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new TheoryLabException($"{path} is not a valid report manifest ({e.Message}); restore it from version control or recreate the report with 'theorylab report new'.", e);
        }
    }

    public void Write(string reportDirectory) =>
        AtomicFile.WriteAllText(Path.Combine(reportDirectory, ReportLayout.ManifestFile), JsonSerializer.Serialize(this, ReportJson.Default.ReportManifest));
}

/// <summary>A run the report uses: where it came from, the prefix its files carry in the report, its figures and citations.</summary>
/// <param name="Prefix">File and label prefix in the report: the experiment id, or experiment id + run id when several runs of one experiment are used.</param>
/// <param name="Source">The run directory it was added from (absolute, as it was then).</param>
/// <param name="Citations">BibTeX keys the run needs cited: its papers, datasets and software.</param>
public sealed record ReportRun(string Prefix, string Experiment, string RunId, string Source, DateTimeOffset Added, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<string> Citations)
{
    /// <summary>True for a sweep: <see cref="Source"/> is its directory, <see cref="RunId"/> "sweep-&lt;hash&gt;", and its copy holds study.json and tables rather than a run.json.</summary>
    public bool Sweep { get; init; }
}

/// <summary>A figure of two panels, the runs' figures labelled <paramref name="Left"/> and <paramref name="Right"/>.</summary>
/// <param name="Snippet">Path of its .tex snippet, relative to the report.</param>
public sealed record ReportPair(string Snippet, string Label, string Left, string Right)
{
    public string InputLine => ReportFigure.InputLineFor(Snippet);
}

/// <summary>A figure copied from a run: its snippet (input it in main.tex), its picture, and the label to reference.</summary>
/// <param name="Name">The figure's name in the run.</param>
/// <param name="Snippet">Path of the .tex snippet, relative to the report (figures/&lt;prefix&gt;-&lt;name&gt;.tex).</param>
/// <param name="Picture">Path of the PGF/TikZ picture, relative to the report.</param>
/// <param name="Label">The \label in the snippet, for \ref.</param>
public sealed record ReportFigure(string Name, string Snippet, string Picture, string Label)
{
    /// <summary>Paths of the images the picture includes (a heatmap's cells), relative to the report.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>The width the snippet sets the picture at.</summary>
    public FigureWidth Width { get; init; } = FigureWidth.Full;

    /// <summary>The caption the run wrote, in LaTeX, for panels of pairs.</summary>
    public FigureCaption? Caption { get; init; }

    /// <summary>The line that puts this figure in main.tex.</summary>
    public string InputLine => InputLineFor(Snippet);

    internal static string InputLineFor(string snippet) => $@"\input{{{Path.ChangeExtension(snippet, null).Replace('\\', '/')}}}";
}
