using TheoryLab.Citations;
using TheoryLab.Kernel;
using TheoryLab.Report.Latex;
using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>
/// Runs every registered experiment and builds one PDF showing each phenomenon: its summary, figures and
/// findings against theory, with the papers it reproduces. Completed runs are reused, so a second call only
/// rebuilds the PDF. An experiment that fails, or whose training diverged, is listed as failed in the PDF and the
/// result, and the others go on.
/// </summary>
public static class GalleryBuilder
{
    public const string PdfFile = "gallery.pdf";
    public const string LatexFolder = "latex";

    public static GalleryResult Build(GalleryRequest request)
    {
        string root = Path.GetFullPath(request.OutputDirectory);
        var experiments = request.Registry.All.ToList();
        var outcomes = new List<(IExperiment Experiment, RunOutcome Outcome)>();
        var failures = new List<GalleryFailure>();
        using (var task = request.Progress.Start("gallery", experiments.Count))
        {
            foreach (var experiment in experiments)
            {
                request.Cancellation.ThrowIfCancellationRequested();
                try
                {
                    var options = request.Quick ? experiment.QuickOptions : experiment.DefaultOptions;
                    var run = Runner.Run(new RunRequest(experiment, options)
                    {
                        Seed = request.Seed,
                        // Named by run id, so quick and full galleries, or galleries of other seeds, keep their own runs.
                        Root = Path.Combine(root, RunLayout.DefaultRoot),
                        Progress = request.Progress,
                        Cancellation = request.Cancellation,
                        Data = request.Data,
                    });
                    outcomes.Add((experiment, run));
                    if (Diverged(run) is { } diverged) failures.Add(diverged);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add(new GalleryFailure(experiment.Id, e.Message));
                }
                task.Advance(1, experiment.Id);
            }
        }

        string latex = Path.Combine(root, LatexFolder);
        if (Directory.Exists(latex)) Directory.Delete(latex, recursive: true);
        var project = ReportProject.Create(latex, "TheoryLab gallery", "TheoryLab " + typeof(GalleryBuilder).Assembly.GetName().Version?.ToString(3));
        project.Add(outcomes.Select(o => o.Outcome.Directory));
        if (outcomes.Count > 0) MethodsWriter.WriteFile(project);
        var expectedSources = outcomes.SelectMany(o => o.Outcome.Findings).Select(f => f.ExpectedSource).OfType<string>()
            .SelectMany(GallerySources.Keys).Distinct().Select(Bibliography.Default.Get);
        BibFile.Merge(project.BibliographyPath, expectedSources);
        AtomicFile.WriteAllText(project.MainPath, GalleryDocument.Write(project, outcomes, failures, request.Quick));

        var build = ReportBuilder.Build(latex, cancellation: request.Cancellation);
        if (!build.Succeeded)
            throw new TheoryLabException($"the gallery's LaTeX did not compile: {string.Join("; ", build.Errors.Take(3))}; see {build.LogPath}.");
        string pdf = Path.Combine(root, PdfFile);
        File.Copy(build.PdfPath!, pdf, overwrite: true);
        return new GalleryResult(pdf, PageImages.Write(pdf, request.PngDpi), outcomes.Select(o => o.Outcome).ToList(), failures, build);
    }

    /// <summary>A run whose training diverged ran, but shows no result: it counts as failed, naming the findings it lacks.</summary>
    internal static GalleryFailure? Diverged(RunOutcome run)
    {
        var names = run.Findings.Where(f => f.Outcome == FindingOutcome.Diverged).Select(f => f.Name).ToList();
        return names.Count == 0 ? null : new GalleryFailure(run.Record.Experiment, $"training diverged, so {string.Join(", ", names)} {(names.Count == 1 ? "has" : "have")} no value");
    }
}
