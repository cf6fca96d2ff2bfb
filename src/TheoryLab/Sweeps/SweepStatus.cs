using TheoryLab.Runs;

namespace TheoryLab.Sweeps;

/// <summary>Where one run of a sweep stands: <see cref="State"/> is complete, running, pending, failed, not complete or not submitted.</summary>
public sealed record RunStatus(SweepRun Run, string State, string? Detail)
{
    public override string ToString() => Detail is null ? State : $"{State} ({Detail})";
}

/// <summary>
/// The state of each run of a sweep from the two places that know it: the run directories on the shared filesystem,
/// which say what is complete or failed, and Slurm, which says which array tasks are still pending or running and,
/// where it keeps accounts, how the others ended. The directories win: a complete run is complete however its task ended.
/// </summary>
public static class SweepStatus
{
    public const string Complete = "complete", Running = "running", Pending = "pending", Failed = "failed", Incomplete = "not complete", NotSubmitted = "not submitted";

    /// <param name="queued">Each submission's tasks that squeue lists, by job id.</param>
    /// <param name="accounted">Each submission's tasks as sacct reports them, by job id; absent where sacct is unavailable.</param>
    public static IReadOnlyList<RunStatus> Of(SweepPlan plan, IReadOnlyList<SlurmSubmission> submissions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, SlurmTaskState>> queued,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, SlurmTaskState>> accounted) =>
        plan.Runs.Select(run => Of(run, submissions, queued, accounted)).ToList();

    private static RunStatus Of(SweepRun run, IReadOnlyList<SlurmSubmission> submissions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, SlurmTaskState>> queued,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, SlurmTaskState>> accounted)
    {
        var record = RunRecord.TryRead(run.Directory);
        if (record?.Status == "completed") return new RunStatus(run, Complete, null);
        // The latest submission that holds the run is the one that runs it now; earlier ones ended without it.
        var submission = submissions.LastOrDefault(s => s.TaskOf(run.Directory) is not null);
        if (submission is null)
            return record?.Status == "failed" ? new RunStatus(run, Failed, record.Error) : new RunStatus(run, NotSubmitted, null);
        int task = submission.TaskOf(run.Directory)!.Value;
        string where = $"job {submission.JobId}, task {task}";
        if (queued.GetValueOrDefault(submission.JobId)?.GetValueOrDefault(task) is { } live)
            return live.State switch
            {
                "RUNNING" or "COMPLETING" => new RunStatus(run, Running, where),
                "PENDING" or "CONFIGURING" or "REQUEUED" => new RunStatus(run, Pending, live.Reason is null ? where : $"{where}: {live.Reason}"),
                _ => new RunStatus(run, live.State.ToLowerInvariant(), where),
            };
        if (record?.Status == "failed") return new RunStatus(run, Failed, $"{where}: {record.Error}");
        if (accounted.GetValueOrDefault(submission.JobId)?.GetValueOrDefault(task) is { } ended)
            return new RunStatus(run, Incomplete, $"{where} ended {ended.State}");
        return new RunStatus(run, Incomplete, $"{where} left the queue without completing it");
    }
}
