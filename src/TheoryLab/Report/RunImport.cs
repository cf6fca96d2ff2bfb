using System.Text.RegularExpressions;
using TheoryLab.Citations;
using TheoryLab.Figures;
using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>Copies one run's figures, records and citations into a report.</summary>
internal static class RunImport
{
    /// <param name="replacing">The report's run this one takes the place of, prefix and all; by default the same run, or one rerun into the same directory.</param>
    public static (ReportRun Run, AddedRun Result) Import(ReportProject project, string runDirectory, FigureWidth width, ReportRun? replacing = null)
    {
        string source = Path.GetFullPath(runDirectory);
        var record = RunRecord.TryRead(source);
        if (record is null || record.Status != "completed")
            throw new TheoryLabException($"{source} is not a completed run directory (it needs a run.json with status \"completed\"); run the experiment first with 'theorylab run'.");

        // A run rerun into the same directory with other options has a new run id but replaces the old one there,
        // so it replaces it in the report too, under the same prefix, rather than leaving a stale second one.
        var previous = replacing
            ?? project.Manifest.Runs.FirstOrDefault(r => r.Experiment == record.Experiment && r.RunId == record.RunId)
            ?? project.Manifest.Runs.FirstOrDefault(r => r.Experiment == record.Experiment && SameDirectory(r.Source, source));
        string prefix = previous?.Prefix ?? PrefixFor(project.Manifest, record);
        if (previous is not null) RemoveFiles(project.Directory, previous);

        var figures = CopyFigures(project.Directory, source, prefix, width);
        CopyRecords(project.Directory, source, prefix);

        var (citations, merge) = MergeCitations(project, record, source);

        var run = new ReportRun(prefix, record.Experiment, record.RunId, source, DateTimeOffset.Now, figures, citations.All);
        return (run, new AddedRun(prefix, record.Experiment, record.RunId, figures, merge.Added, merge.Conflicting, previous is not null));
    }

    /// <summary>Merges into refs.bib what the run in <paramref name="runDirectory"/> must cite: its own bibliography, then the course's entries of its papers, datasets and software.</summary>
    internal static (RunCitations Citations, BibMerge Merge) MergeCitations(ReportProject project, RunRecord record, string runDirectory)
    {
        var citations = RunCitations.Of(record);
        var entries = Bibliography.Parse(ReadRunBibliography(runDirectory)).ToList();
        foreach (var key in citations.All.Where(k => entries.All(e => e.Key != k) && Bibliography.Default.Contains(k)))
            entries.Add(Bibliography.Default.Get(key));
        return (citations, BibFile.Merge(project.BibliographyPath, entries));
    }

    /// <summary>The experiment id; experiment id and run id when another run of the same experiment is in the report.</summary>
    private static string PrefixFor(ReportManifest manifest, RunRecord record) =>
        manifest.Runs.Any(r => r.Prefix == record.Experiment) ? $"{record.Experiment}-{record.RunId}" : record.Experiment;

    /// <summary>Copies the figures of a run or sweep directory (its figures/ folder) under <paramref name="prefix"/>, each with a snippet at <paramref name="width"/>.</summary>
    internal static List<ReportFigure> CopyFigures(string report, string source, string prefix, FigureWidth width)
    {
        var figures = new List<ReportFigure>();
        string folder = Path.Combine(source, RunLayout.FiguresFolder);
        if (!Directory.Exists(folder)) return figures;
        foreach (var picture in Directory.EnumerateFiles(folder, "*.tikz").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(picture);
            string stem = $"{prefix}-{name}";
            string label = $"fig:{stem}";
            string picturePath = $"{ReportLayout.FiguresFolder}/{stem}.tikz";
            string snippetPath = $"{ReportLayout.FiguresFolder}/{stem}.tex";
            var (text, images) = RewriteImages(File.ReadAllText(picture), name, prefix);
            foreach (var image in images)
                File.Copy(Path.Combine(folder, image), Path.Combine(report, ReportLayout.FiguresFolder, $"{prefix}-{image}"), overwrite: true);
            AtomicFile.WriteAllText(Path.Combine(report, picturePath), text);
            string snippetSource = Path.ChangeExtension(picture, ".tex");
            if (!File.Exists(snippetSource)) continue;
            var caption = FigureSnippet.ReadCaption(File.ReadAllText(snippetSource));
            AtomicFile.WriteAllText(Path.Combine(report, snippetPath), FigureSnippet.Single(picturePath, caption, label, width));
            figures.Add(new ReportFigure(name, snippetPath, picturePath, label)
            {
                Images = [.. images.Select(i => $"{ReportLayout.FiguresFolder}/{prefix}-{i}")],
                Width = width,
                Caption = caption,
            });
        }
        return figures;
    }

    /// <summary>Points the picture's included images (its heatmap cells, <c>figures/&lt;name&gt;-….png</c>) at their prefixed copies; returns the images' file names.</summary>
    internal static (string Text, IReadOnlyList<string> Images) RewriteImages(string picture, string name, string prefix)
    {
        var images = new List<string>();
        string text = Regex.Replace(picture, @"\{" + Regex.Escape(ReportLayout.FiguresFolder) + "/(" + Regex.Escape(name) + @"-[^}/]*\.png)\}", m =>
        {
            images.Add(m.Groups[1].Value);
            return $"{{{ReportLayout.FiguresFolder}/{prefix}-{m.Groups[1].Value}}}";
        });
        return (text, images);
    }

    private static void CopyRecords(string report, string source, string prefix) =>
        CopyRecords(report, source, prefix, [RunLayout.RecordFile, RunLayout.FindingsFile, RunLayout.BibliographyFile], RunLayout.TablesFolder);

    /// <summary>
    /// Replaces the report's runs/&lt;prefix&gt;/ with the named record files of <paramref name="source"/> that exist and
    /// the tables in its <paramref name="tablesFolder"/>: the copy a report keeps of a run or a sweep.
    /// </summary>
    internal static void CopyRecords(string report, string source, string prefix, IEnumerable<string> files, string tablesFolder)
    {
        string target = ReportLayout.RunCopy(report, prefix);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        foreach (var file in files)
            if (File.Exists(Path.Combine(source, file))) File.Copy(Path.Combine(source, file), Path.Combine(target, file));
        string tables = Path.Combine(source, tablesFolder);
        if (!Directory.Exists(tables)) return;
        Directory.CreateDirectory(Path.Combine(target, tablesFolder));
        foreach (var csv in Directory.EnumerateFiles(tables, "*.csv"))
            File.Copy(csv, Path.Combine(target, tablesFolder, Path.GetFileName(csv)));
    }

    internal static bool SameDirectory(string a, string b) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(b));

    /// <summary>Deletes the figure files TheoryLab copied into the report for <paramref name="run"/>.</summary>
    internal static void RemoveFiles(string report, ReportRun run)
    {
        foreach (var figure in run.Figures)
            foreach (var file in figure.Images.Prepend(figure.Picture).Prepend(figure.Snippet))
                File.Delete(Path.Combine(report, file));
    }

    private static string ReadRunBibliography(string source)
    {
        string path = Path.Combine(source, RunLayout.BibliographyFile);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }
}
