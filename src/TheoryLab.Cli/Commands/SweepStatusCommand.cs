using System.CommandLine;
using TheoryLab.Experiments;
using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// <c>theorylab sweep status</c>: each run of a sweep as its directory and Slurm see it (complete, pending, running,
/// failed, not complete), and what to do about the runs that are missing.
/// </summary>
internal static class SweepStatusCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var study = new SweepArguments();
        var command = new Command("status", "Show each run of a sweep: complete, or its Slurm job's pending, running or failed task (the same arguments as the sweep, or --study FILE).");
        study.AddTo(command);
        command.SetAction(parse =>
        {
            var plan = SweepCollectCommand.Plan(study, parse, registry);
            var submissions = SlurmSubmissions.Read(plan.Directory);
            var jobs = submissions.Select(s => s.JobId).Distinct().ToList();
            var queued = new Dictionary<string, IReadOnlyDictionary<int, SlurmTaskState>>();
            var accounted = new Dictionary<string, IReadOnlyDictionary<int, SlurmTaskState>>();
            string? noAccounts = null;
            if (jobs.Count > 0 && !SlurmCommands.Installed("squeue"))
                io.Error.WriteLine("note: squeue is not on PATH, so the states below come from the run directories alone; run this on the cluster's login node for the jobs' states.");
            else
                foreach (var job in jobs)
                {
                    queued[job] = SlurmCommands.Queued(job);
                    var (ended, unavailable) = SlurmCommands.Accounted(job);
                    if (ended is not null) accounted[job] = ended;
                    noAccounts ??= unavailable;
                }

            var states = SweepStatus.Of(plan, submissions, queued, accounted);
            string counts = string.Join(", ", states.GroupBy(s => s.State).Select(g => $"{g.Count()} {g.Key}"));
            io.Out.WriteLine($"{plan.Experiment.Id} sweep {plan.Study.Hash}: {plan.Runs.Count} runs, {counts}");
            foreach (var state in states) io.Out.WriteLine($"  {state.Run.Describe()}: {state}");
            foreach (var submission in submissions.Where(s => queued.GetValueOrDefault(s.JobId)?.Count > 0))
            {
                var tasks = queued[submission.JobId].Values.GroupBy(t => t.State.ToLowerInvariant()).Select(g => $"{g.Count()} {g.Key}");
                io.Out.WriteLine($"job {submission.JobId} ({submission.Script}): {submission.Tasks.Count} array tasks, {string.Join(", ", tasks)}");
            }
            if (noAccounts is not null && states.Any(s => s.State == SweepStatus.Incomplete)) io.Out.WriteLine($"note: how ended tasks ended is not known here (sacct: {noAccounts}); the run directories say which runs are complete.");

            bool live = queued.Values.Any(q => q.Count > 0);
            int missing = states.Count(s => s.State is SweepStatus.Failed or SweepStatus.Incomplete or SweepStatus.NotSubmitted);
            if (!live && missing > 0)
                io.Out.WriteLine($"{missing} runs are missing; the sweep's command with --backend slurm submits only those.");
            else if (!live && missing == 0)
                io.Out.WriteLine("every run is complete; 'theorylab sweep collect' with the same arguments writes the tables and figures.");
            return CliApp.Ok;
        });
        return command;
    }
}
