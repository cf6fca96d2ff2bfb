using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>
/// A LaTeX report in the NeurIPS format that uses TheoryLab runs: main.tex with the sections the course asks
/// for, a style file reproducing the proceedings page, refs.bib, figures/ and a manifest of the runs used.
/// </summary>
public sealed class ReportProject
{
    private ReportProject(string directory, ReportManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    /// <summary>The report directory (absolute).</summary>
    public string Directory { get; }

    public ReportManifest Manifest { get; private set; }

    public string MainPath => Path.Combine(Directory, ReportLayout.MainFile);
    public string PdfPath => Path.Combine(Directory, ReportLayout.PdfFile);
    public string BibliographyPath => Path.Combine(Directory, ReportLayout.BibliographyFile);

    /// <summary>The files <see cref="Create"/> writes; a directory holding any of them is refused, so none is ever overwritten.</summary>
    private static readonly string[] CreatedFiles =
        [ReportLayout.MainFile, ReportLayout.StyleFile, ReportLayout.BibliographyFile, ReportLayout.CodeDescriptionFile, ReportLayout.ManifestFile];

    /// <summary>Writes a new report into <paramref name="directory"/> (created if needed; it must hold none of the files a report starts with).</summary>
    /// <param name="title">Plain text; LaTeX's special characters are escaped.</param>
    /// <param name="author">Plain text; a newline starts a new line (affiliation, e-mail).</param>
    public static ReportProject Create(string directory, string title, string author)
    {
        string root = Path.GetFullPath(directory);
        if (File.Exists(Path.Combine(root, ReportLayout.MainFile)))
            throw new TheoryLabException($"{root} already holds a report (main.tex); open it with 'theorylab report add --report {directory}' or choose another directory.");
        if (CreatedFiles.Select(f => Path.Combine(root, f)).FirstOrDefault(Path.Exists) is { } taken)
            throw new TheoryLabException($"{taken} already exists, and 'report new' never overwrites a file; move it aside or choose another directory.");
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(root, ReportLayout.FiguresFolder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot create the report directory {root} ({e.Message}); choose a writable place.", e);
        }
        string authorLatex = string.Join(@" \\ ", author.Split('\n').Select(l => LatexText.From(l.Trim())));
        AtomicFile.WriteAllText(Path.Combine(root, ReportLayout.MainFile), ReportTemplates.Main(LatexText.From(title), authorLatex));
        AtomicFile.WriteAllText(Path.Combine(root, ReportLayout.StyleFile), ReportTemplates.Style);
        AtomicFile.WriteAllText(Path.Combine(root, ReportLayout.BibliographyFile), Bibliography.Default.Subset([]));
        AtomicFile.WriteAllText(Path.Combine(root, ReportLayout.CodeDescriptionFile),
            "% Written by 'theorylab report methods' from the runs this report uses; edit freely afterwards.\n" +
            @"\tlplaceholder{the code: which library and versions, which experiments with which options and seeds, datasets, hardware. 'theorylab report methods' writes this paragraph from the runs.}" + "\n");
        var manifest = new ReportManifest { Title = title, Author = author };
        manifest.Write(root);
        return new ReportProject(root, manifest);
    }

    /// <summary>Opens the report in <paramref name="directory"/>.</summary>
    public static ReportProject Open(string directory)
    {
        string root = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(root, ReportLayout.ManifestFile)))
            throw new TheoryLabException($"{root} is not a TheoryLab report (no {ReportLayout.ManifestFile}); create one with 'theorylab report new {directory}'.");
        return new ReportProject(root, ReportManifest.Read(root));
    }

    /// <summary>
    /// Adds runs: copies each run's PGF/TikZ figures and their .tex snippets into figures/ under a per-run prefix
    /// (rewriting the \input path and label), merges its citations into refs.bib without duplicates, and records
    /// the run and its figures in the manifest. Adding a run again refreshes it.
    /// </summary>
    public ReportAddResult Add(params IEnumerable<string> runDirectories)
    {
        var added = new List<AddedRun>();
        foreach (var runDirectory in runDirectories)
        {
            var (run, result) = RunImport.Import(this, runDirectory);
            Manifest = Manifest with { Runs = [.. Manifest.Runs.Where(r => r.Prefix != run.Prefix), run] };
            Manifest.Write(Directory);
            added.Add(result);
        }
        return new ReportAddResult(added);
    }

    /// <summary>The records (run.json) of the runs the report uses, as copied into it, in the order they were added.</summary>
    public IReadOnlyList<RunRecord> RunRecords() =>
        Manifest.Runs
            .Select(r => RunRecord.TryRead(ReportLayout.RunCopy(Directory, r.Prefix))
                ?? throw new TheoryLabException($"the report's copy of run {r.Prefix} is missing ({ReportLayout.RunCopy(Directory, r.Prefix)}); add the run again with 'theorylab report add {r.Source}'."))
            .ToList();
}

/// <summary>What <see cref="ReportProject.Add"/> did, run by run.</summary>
public sealed record ReportAddResult(IReadOnlyList<AddedRun> Runs);

/// <summary>One added run: its prefix in the report, the figures now in figures/, and the BibTeX keys merged.</summary>
/// <param name="ConflictingCitations">Keys refs.bib already had with different text; the report's version was kept.</param>
/// <param name="Refreshed">True when the run was in the report already and its files were replaced.</param>
public sealed record AddedRun(string Prefix, string Experiment, string RunId, IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<string> AddedCitations, IReadOnlyList<string> ConflictingCitations, bool Refreshed);
