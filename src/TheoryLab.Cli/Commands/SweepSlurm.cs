using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// <c>sweep --backend slurm</c>: writes the sbatch script of the sweep's missing runs into its directory and submits
/// it as one job array. Slurm schedules; a later submission of the same sweep holds only the runs still missing.
/// </summary>
internal static class SweepSlurm
{
    public static int Submit(ConsoleIO io, SweepPlan plan, SlurmOptions options, string? dataDirectory, bool dryRun)
    {
        var missing = plan.Missing;
        string name = $"{plan.Experiment.Id} sweep {plan.Study.Hash}";
        if (missing.Count == 0)
        {
            io.Out.WriteLine($"{name}: all {plan.Runs.Count} runs are complete, so there is nothing to submit; 'theorylab sweep collect' writes the tables.");
            return CliApp.Ok;
        }
        var tasks = SlurmScript.Tasks(missing, options.RunsPerTask);
        var (program, prefix) = CliExecutable.Command();
        string? data = dataDirectory is null ? null : Path.GetFullPath(dataDirectory);
        string folder = SlurmSubmissions.FolderOf(plan.Directory);
        string script = SlurmScript.Write(plan, tasks, options, program, prefix, data, folder);
        io.Error.WriteLine($"{name}: {plan.Runs.Count} runs, {plan.Runs.Count - missing.Count} already done, {missing.Count} to run in {tasks.Count} array task{(tasks.Count == 1 ? "" : "s")}");
        if (dryRun)
        {
            io.Out.Write(script);
            return CliApp.Ok;
        }

        SlurmCommands.Require("sbatch"); // before anything is written
        var submissions = SlurmSubmissions.Read(plan.Directory);
        // Submitting runs a queued job will run would run them twice; Slurm's queue, not TheoryLab, says what is live.
        foreach (var earlier in submissions)
            if (SlurmCommands.Queued(earlier.JobId).Count > 0)
                throw new TheoryLabException($"job {earlier.JobId} of this sweep is still queued or running; wait for it ('theorylab sweep status' with the same arguments) or cancel it with 'scancel {earlier.JobId}', then submit the missing runs again.");

        // The nodes may not reach the internet; datasets are fetched here, into the cache the runs will read.
        foreach (var runOptions in missing.Select(r => r.Request.Options).Distinct()) plan.Experiment.PrepareData(runOptions, missing[0].Request.Data);
        string path = Path.Combine(folder, $"array-{submissions.Count + 1}.sbatch");
        try
        {
            SweepCollection.WriteStudy(plan);
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(path, script);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot write the sweep's script into {folder} ({e.Message}); pass --runs a writable directory that the cluster's nodes share.", e);
        }

        string job;
        try
        {
            job = SlurmCommands.Submit(path);
        }
        catch (TheoryLabException)
        {
            File.Delete(path); // a script never submitted would read as a submission
            throw;
        }
        SlurmSubmissions.Append(plan.Directory, new SlurmSubmission(job, Path.GetFileName(path), DateTimeOffset.UtcNow, [.. tasks.Select(t => (IReadOnlyList<string>)[.. t.Select(r => r.Directory)])]));
        io.Out.WriteLine($"submitted job {job}: {missing.Count} runs in {tasks.Count} array tasks, {path}");
        string study = $"--study {SlurmScript.Quote(SweepLayout.StudyPath(plan.Directory))} --runs {SlurmScript.Quote(Path.GetFullPath(plan.Root))}";
        io.Out.WriteLine($"follow it with 'theorylab sweep status {study}', and write its tables with 'theorylab sweep collect {study}' when it ends");
        return CliApp.Ok;
    }
}
