using System.Diagnostics;
using TheoryLab.Citations;
using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Options;

namespace TheoryLab.Runs;

/// <summary>
/// Runs an experiment into its run directory. Everything is written into a staging directory beside
/// the target and moved into place only when complete, so a crash or Ctrl-C never leaves a half-written
/// file; a failed run leaves only a run.json that says it failed. What happens to the directory beforehand is
/// <see cref="RunPlan"/>'s decision: a completed identical run is reused, and nothing TheoryLab did not write is replaced.
/// A user error (a <see cref="TheoryLabException"/>) leaves nothing at all, whether found before the run or in it.
/// </summary>
public static class Runner
{
    public static RunOutcome Run(RunRequest request)
    {
        var experiment = request.Experiment;
        var plan = RunPlan.For(request);
        string target = plan.Directory;
        if (plan.Action == RunAction.Reuse)
            return new RunOutcome(target, plan.Existing!, FindingsFile.Read(Path.Combine(target, RunLayout.FindingsFile)), Reused: true);

        experiment.PrepareData(request.Options, request.Data);
        Staging.RemoveAbandoned(Path.GetDirectoryName(target)!);
        var created = AbsentAncestors(target);
        string staging = Staging.Create(target);
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
            Publish(staging, target, experiment.Id);
            TryDelete(resume);
            return new RunOutcome(target, record, result.Findings, Reused: false) { Result = result };
        }
        catch (Exception e)
        {
            Staging.Delete(staging);
            if (TheoryLabException.Within(e) is not null)
            {
                // The user fixes the input and runs again; a failed record would only be in the way.
                RemoveIfEmpty(created);
                throw;
            }
            string error = e is OperationCanceledException ? "interrupted before it finished" : e.Message;
            var failed = record with { Status = "failed", Error = error, Finished = DateTimeOffset.Now, WallSeconds = clock.Elapsed.TotalSeconds };
            MarkFailed(target, failed, experiment.Id);
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
        string settings = RunSettings.Sentence(request);
        foreach (var figure in result.Figures)
        {
            request.Cancellation.ThrowIfCancellationRequested();
            PngRenderer.Save(figure, result.Tables, RunLayout.FigurePath(directory, figure.Name, ".png"));
            var picture = PgfWriter.Write(figure, result.Tables);
            AtomicFile.WriteAllText(RunLayout.FigurePath(directory, figure.Name, ".tikz"), picture.Text);
            foreach (var image in picture.Images)
                AtomicFile.WriteAllBytes(Path.Combine(directory, RunLayout.FiguresFolder, image.FileName), image.Png);
            AtomicFile.WriteAllText(RunLayout.FigurePath(directory, figure.Name, ".tex"), FigureSnippet.Write(request.Experiment.Id, figure, settings));
            AtomicFile.WriteAllText(RunLayout.FigurePath(directory, figure.Name, ".json"), FigureDescription.Of(figure).ToJson());
        }
        AtomicFile.WriteAllText(Path.Combine(directory, RunLayout.FindingsFile), FindingsFile.Write(result.Findings));
        AtomicFile.WriteAllText(Path.Combine(directory, RunLayout.BibliographyFile), Bibliography.Default.Subset(RunBibliographyKeys(request)));
        AtomicFile.WriteAllText(Path.Combine(directory, RunLayout.RecordFile), record.ToJson());
    }

    /// <summary>The papers the experiment reproduces and the datasets its options name: what its refs.bib holds.</summary>
    internal static IEnumerable<string> RunBibliographyKeys(RunRequest request) =>
        request.Experiment.Papers.Concat(Datasets.CitedIn(request.Experiment.Schema.Values(request.Options).Values).SelectMany(d => d.Keys));

    internal static RunRecord NewRecord(RunRequest request, DateTimeOffset started) => new()
    {
        Experiment = request.Experiment.Id,
        RunId = request.RunId,
        Title = request.Experiment.Title,
        Options = request.Experiment.Schema.Values(request.Options),
        NonDefaultOptions = request.Experiment.Schema.NonDefault(request.Options),
        QuickReductions = request.Experiment.Schema.NonDefault(request.Experiment.QuickOptions),
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

    /// <summary>
    /// Moves the finished run into place. The plan was made before the run; what is at the target is checked again,
    /// since a long run gives others time to put files there.
    /// </summary>
    private static void Publish(string staging, string target, string experiment)
    {
        bool replacing = !RunPlan.IsAbsentOrEmpty(target);
        if (replacing && !RunPlan.HoldsRunOf(target, experiment))
            throw new TheoryLabException($"{target} gained files TheoryLab did not write while the run went on; they were left alone and the run's results discarded. Run again with --out naming a new directory.");
        Staging.Unmark(staging);
        if (!replacing)
        {
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(staging, target);
            return;
        }
        string old = Staging.SetAside(target);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            Staging.Unmark(target);
            throw;
        }
        Staging.Delete(old);
    }

    /// <summary>
    /// Leaves a run.json saying the run failed, where that cannot overwrite anything else: in a directory that is
    /// absent, empty, or holds an earlier run of the same experiment that did not complete.
    /// </summary>
    private static void MarkFailed(string target, RunRecord failed, string experiment)
    {
        try
        {
            bool mayWrite = RunPlan.IsAbsentOrEmpty(target) || RunRecord.TryRead(target) is { Status: not "completed" } earlier && earlier.Experiment == experiment;
            if (!mayWrite) return;
            Directory.CreateDirectory(target);
            AtomicFile.WriteAllText(Path.Combine(target, RunLayout.RecordFile), failed.ToJson());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error matters more than the record of it.
        }
    }

    /// <summary>The directories above <paramref name="target"/> that do not exist yet, innermost first.</summary>
    private static List<string> AbsentAncestors(string target)
    {
        var absent = new List<string>();
        for (string? d = Path.GetDirectoryName(target); d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) absent.Add(d);
        return absent;
    }

    private static void RemoveIfEmpty(IEnumerable<string> directories)
    {
        try
        {
            foreach (var directory in directories.Where(Directory.Exists))
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any()) return;
                Directory.Delete(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // What is left is empty; the error the user must fix matters more.
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
            // A leftover resume directory is hidden (dot-named) and costs only space.
        }
    }
}
