using System.Diagnostics;
using TheoryLab.Experiments;
using TheoryLab.Figures;
using TheoryLab.Options;
using TheoryLab.Report;

namespace TheoryLab.Runs;

/// <summary>
/// Runs an experiment into its run directory. Everything is written into a staging directory beside
/// the target and moved into place only when complete, so a crash or Ctrl-C never leaves a half-written
/// file; a failed run leaves only a run.json that says it failed. A completed identical run is reused.
/// </summary>
public static class Runner
{
    public static RunOutcome Run(RunRequest request)
    {
        var experiment = request.Experiment;
        experiment.Validate(request.Options);
        string target = Path.GetFullPath(request.Directory);

        if (!request.Force && RunRecord.TryRead(target) is { Status: "completed" } previous && previous.RunId == request.RunId
            && File.Exists(Path.Combine(target, RunLayout.FindingsFile)))
            return new RunOutcome(target, previous, FindingsFile.Read(Path.Combine(target, RunLayout.FindingsFile)), Reused: true);

        string staging = CreateStaging(target);
        string resume = ResumeDirectory(target, request.RunId);
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var record = NewRecord(request, started);
        try
        {
            var context = new RunContext
            {
                Seed = request.Seed,
                Device = request.Device,
                Progress = request.Progress,
                Cancellation = request.Cancellation,
                Directory = staging,
                ResumeDirectory = resume,
                Data = request.Data,
            };
            var result = experiment.Run(request.Options, context);
            request.Cancellation.ThrowIfCancellationRequested();
            record = record with { Status = "completed", Finished = DateTimeOffset.Now, WallSeconds = clock.Elapsed.TotalSeconds };
            WriteResult(staging, request, result, record);
            Publish(staging, target);
            TryDelete(resume);
            return new RunOutcome(target, record, result.Findings, Reused: false);
        }
        catch (Exception e)
        {
            TryDelete(staging);
            string error = e is OperationCanceledException ? "interrupted before it finished" : e.Message;
            var failed = record with { Status = "failed", Error = error, Finished = DateTimeOffset.Now, WallSeconds = clock.Elapsed.TotalSeconds };
            MarkFailed(target, failed);
            throw;
        }
    }

    /// <summary>Writes a run's tables, figures, findings, bibliography and record into <paramref name="directory"/>.</summary>
    internal static void WriteResult(string directory, RunRequest request, ExperimentResult result, RunRecord record)
    {
        Directory.CreateDirectory(Path.Combine(directory, RunLayout.TablesFolder));
        foreach (var table in result.Tables)
            AtomicFile.WriteAllText(RunLayout.TablePath(directory, table.Name), table.ToCsv());
        if (result.Figures.Count > 0) Directory.CreateDirectory(Path.Combine(directory, RunLayout.FiguresFolder));
        string parameters = ParameterSentence(request);
        foreach (var figure in result.Figures)
        {
            request.Cancellation.ThrowIfCancellationRequested();
            PngRenderer.Save(figure, result.Tables, RunLayout.FigurePath(directory, figure.Name, ".png"));
            var picture = PgfWriter.Write(figure, result.Tables);
            AtomicFile.WriteAllText(RunLayout.FigurePath(directory, figure.Name, ".tikz"), picture.Text);
            foreach (var image in picture.Images)
                AtomicFile.WriteAllBytes(Path.Combine(directory, RunLayout.FiguresFolder, image.FileName), image.Png);
            AtomicFile.WriteAllText(RunLayout.FigurePath(directory, figure.Name, ".tex"), FigureSnippet.Write(request.Experiment.Id, figure, parameters));
        }
        AtomicFile.WriteAllText(Path.Combine(directory, RunLayout.FindingsFile), FindingsFile.Write(result.Findings));
        AtomicFile.WriteAllText(Path.Combine(directory, RunLayout.BibliographyFile), Bibliography.Default.Subset(request.Experiment.Papers));
        AtomicFile.WriteAllText(Path.Combine(directory, RunLayout.RecordFile), record.ToJson());
    }

    /// <summary>"depth = 10, width = 1000, …; seed 0": every option, for captions.</summary>
    internal static string ParameterSentence(RunRequest request) =>
        string.Join(", ", request.Experiment.Schema.Values(request.Options).Select(p => $"{p.Key} = {p.Value}")) + $"; seed {request.Seed}";

    private static RunRecord NewRecord(RunRequest request, DateTimeOffset started) => new()
    {
        Experiment = request.Experiment.Id,
        RunId = request.RunId,
        Title = request.Experiment.Title,
        Options = request.Experiment.Schema.Values(request.Options),
        NonDefaultOptions = request.Experiment.Schema.NonDefault(request.Options),
        Seed = request.Seed,
        Device = OptionValues.Format(request.Device),
        Papers = request.Experiment.Papers,
        Provenance = Provenance.Current(),
        Started = started,
        Status = "running",
    };

    /// <summary>Where a run keeps work across interrupted attempts: hidden beside the run directory, named by the run id.</summary>
    internal static string ResumeDirectory(string target, string runId) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.resume-{runId}");

    private static string CreateStaging(string target)
    {
        string parent = Path.GetDirectoryName(target)!;
        string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            return staging;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot write the run directory {target} ({e.Message}); choose a writable place with --out DIR.", e);
        }
    }

    private static void Publish(string staging, string target)
    {
        if (Directory.Exists(target))
        {
            string old = target + $".old-{Guid.NewGuid():N}";
            Directory.Move(target, old);
            Directory.Move(staging, target);
            TryDelete(old);
        }
        else
        {
            Directory.Move(staging, target);
        }
    }

    /// <summary>Leaves a run.json saying the run failed, unless an earlier complete run lives there.</summary>
    private static void MarkFailed(string target, RunRecord failed)
    {
        try
        {
            if (RunRecord.TryRead(target) is { Status: "completed" }) return;
            Directory.CreateDirectory(target);
            AtomicFile.WriteAllText(Path.Combine(target, RunLayout.RecordFile), failed.ToJson());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than the record of it.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover staging directory is hidden (dot-named) and harmless.
        }
    }
}
