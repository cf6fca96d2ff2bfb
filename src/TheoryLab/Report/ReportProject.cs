using TheoryLab.Citations;
using TheoryLab.Figures;
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
    /// Adds runs and sweeps (a directory holding study.json, whose figures state its grid and seeds): copies each one's PGF/TikZ figures into figures/ under a per-run prefix with a snippet that sets
    /// each at <paramref name="width"/>, merges its citations into refs.bib without duplicates, and records the run
    /// and its figures in the manifest. Adding a run again refreshes it, and the pairs that show its figures.
    /// </summary>
    public ReportAddResult Add(FigureWidth width, params IEnumerable<string> runDirectories)
    {
        var added = new List<AddedRun>();
        foreach (var runDirectory in runDirectories)
        {
            var (run, result) = SweepImport.IsSweep(runDirectory) ? SweepImport.Import(this, runDirectory, width) : RunImport.Import(this, runDirectory, width);
            Record(run);
            added.Add(result);
        }
        return new ReportAddResult(added);
    }

    /// <summary>
    /// Puts the run in <paramref name="runDirectory"/> in the place of the report's run <paramref name="prefixOrRun"/>,
    /// another run of the same experiment: same prefix, so the \input lines and \ref labels in main.tex still hold,
    /// and the same figure width. The old run's figures are deleted; refs.bib gains the new run's entries.
    /// </summary>
    public AddedRun Replace(string prefixOrRun, string runDirectory)
    {
        var old = FindRun(prefixOrRun);
        var record = RunRecord.TryRead(System.IO.Path.GetFullPath(runDirectory));
        if (record is not null && record.Experiment != old.Experiment)
            throw new TheoryLabException($"{runDirectory} is a {record.Experiment} run and {old.Prefix} a {old.Experiment} one; 'report replace' swaps runs of one experiment, so use 'theorylab report remove {old.Prefix}' and then 'theorylab report add {runDirectory}'.");
        var width = old.Figures.FirstOrDefault()?.Width ?? FigureWidth.Half;
        var (run, result) = RunImport.Import(this, runDirectory, width, replacing: old);
        Record(run);
        return result;
    }

    /// <summary>Enters the run in the manifest in place of any with its prefix and rewrites the pairs that show its figures.</summary>
    private void Record(ReportRun run)
    {
        Manifest = Manifest with { Runs = [.. Manifest.Runs.Where(r => r.Prefix != run.Prefix), run] };
        Manifest.Write(Directory);
        foreach (var pair in Manifest.Pairs.Where(p => run.Figures.Any(f => f.Label == p.Left || f.Label == p.Right)))
            WritePair(pair);
    }

    /// <summary>Adds runs with their figures at half the text width, captions beside them, the size that fits a report of five pages.</summary>
    public ReportAddResult Add(params IEnumerable<string> runDirectories) => Add(FigureWidth.Half, runDirectories);

    /// <summary>
    /// Writes a figure of two half-width panels, <paramref name="left"/> and <paramref name="right"/> (figures of
    /// the report's runs, named by label, file or name as 'report add' prints them), each with its own subcaption
    /// and label; the figure's caption gives the runs' settings. Pairing the same two again rewrites it.
    /// </summary>
    public ReportPair Pair(string left, string right)
    {
        var (a, b) = (FindFigure(left), FindFigure(right));
        if (a.Label == b.Label) throw new TheoryLabException($"a pair needs two different figures; '{left}' and '{right}' are both {a.Label}.");
        string stem = $"{Stem(a)}-and-{Stem(b)}";
        var pair = new ReportPair($"{ReportLayout.FiguresFolder}/{stem}.tex", $"fig:{stem}", a.Label, b.Label);
        Manifest = Manifest with { Pairs = [.. Manifest.Pairs.Where(p => p.Snippet != pair.Snippet), pair] };
        Manifest.Write(Directory);
        WritePair(pair);
        return pair;
    }

    /// <summary>
    /// Takes a run out of the report, named by its prefix or by the run directory it was added from: deletes the
    /// figures, pairs and run copy TheoryLab wrote for it (nothing else) and its manifest entry. refs.bib keeps its
    /// entries, which the user's text may cite. Returns the run and the \input lines main.tex must no longer have.
    /// </summary>
    public ReportRemoval Remove(string prefixOrRun)
    {
        var run = FindRun(prefixOrRun);
        var pairs = Manifest.Pairs.Where(p => run.Figures.Any(f => f.Label == p.Left || f.Label == p.Right)).ToList();
        RunImport.RemoveFiles(Directory, run);
        foreach (var pair in pairs) File.Delete(System.IO.Path.Combine(Directory, pair.Snippet));
        string copy = ReportLayout.RunCopy(Directory, run.Prefix);
        if (System.IO.Directory.Exists(copy)) System.IO.Directory.Delete(copy, recursive: true);
        Manifest = Manifest with { Runs = [.. Manifest.Runs.Where(r => r != run)], Pairs = [.. Manifest.Pairs.Except(pairs)] };
        Manifest.Write(Directory);
        return new ReportRemoval(run, [.. run.Figures.Select(f => f.InputLine).Concat(pairs.Select(p => p.InputLine))]);
    }

    /// <summary>The run a user names by its prefix in the report or by the directory it was added from.</summary>
    private ReportRun FindRun(string name)
    {
        string full = System.IO.Path.GetFullPath(name).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        return Manifest.Runs.FirstOrDefault(r => r.Prefix == name)
            ?? Manifest.Runs.FirstOrDefault(r => r.Source.TrimEnd(System.IO.Path.DirectorySeparatorChar) == full)
            ?? throw new TheoryLabException(Manifest.Runs.Count == 0
                ? $"the report has no runs, so there is no '{name}' to remove."
                : $"the report has no run '{name}'{Suggestions.DidYouMean(name, Manifest.Runs.Select(r => r.Prefix))}; its runs are {string.Join(", ", Manifest.Runs.Select(r => r.Prefix))} (give a prefix or the run directory it was added from).");
    }

    private void WritePair(ReportPair pair)
    {
        var (a, b) = (FindFigure(pair.Left), FindFigure(pair.Right));
        AtomicFile.WriteAllText(Path.Combine(Directory, pair.Snippet),
            FigureSnippet.Pair((a.Picture, a.Caption ?? new FigureCaption("", ""), a.Label), (b.Picture, b.Caption ?? new FigureCaption("", ""), b.Label), pair.Label));
    }

    /// <summary>The figure a user names by its label (fig:x), its snippet (figures/x or figures/x.tex) or its stem (x).</summary>
    private ReportFigure FindFigure(string name)
    {
        string stem = name.Trim().Replace('\\', '/');
        if (stem.StartsWith("fig:", StringComparison.Ordinal)) stem = stem[4..];
        if (stem.StartsWith(ReportLayout.FiguresFolder + "/", StringComparison.Ordinal)) stem = stem[(ReportLayout.FiguresFolder.Length + 1)..];
        if (stem.EndsWith(".tex", StringComparison.Ordinal)) stem = stem[..^4];
        var figures = Manifest.Runs.SelectMany(r => r.Figures).ToList();
        return figures.FirstOrDefault(f => Stem(f) == stem)
            ?? throw new TheoryLabException($"the report has no figure '{name}'{Suggestions.DidYouMean(stem, figures.Select(Stem))}; 'theorylab report add' prints the figures of each run it adds.");
    }

    private static string Stem(ReportFigure figure) => Path.GetFileNameWithoutExtension(figure.Snippet);

    /// <summary>The records (run.json) of the runs the report uses, as copied into it, in the order they were added; a sweep has none.</summary>
    public IReadOnlyList<RunRecord> RunRecords() =>
        Manifest.Runs.Where(r => !r.Sweep)
            .Select(r => RunRecord.TryRead(ReportLayout.RunCopy(Directory, r.Prefix))
                ?? throw new TheoryLabException($"the report's copy of run {r.Prefix} is missing ({ReportLayout.RunCopy(Directory, r.Prefix)}); add the run again with 'theorylab report add {r.Source}'."))
            .ToList();
}

/// <summary>What <c>ReportProject.Remove</c> took out, and the \input lines that showed its figures.</summary>
public sealed record ReportRemoval(ReportRun Run, IReadOnlyList<string> StaleInputs);

/// <summary>What <c>ReportProject.Add</c> did, run by run.</summary>
public sealed record ReportAddResult(IReadOnlyList<AddedRun> Runs);

/// <summary>One added run: its prefix in the report, the figures now in figures/, and the BibTeX keys merged.</summary>
/// <param name="ConflictingCitations">Keys refs.bib already had with different text; the report's version was kept.</param>
/// <param name="Refreshed">True when the run was in the report already and its files were replaced.</param>
public sealed record AddedRun(string Prefix, string Experiment, string RunId, IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<string> AddedCitations, IReadOnlyList<string> ConflictingCitations, bool Refreshed);
