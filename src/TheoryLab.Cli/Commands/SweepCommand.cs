using System.CommandLine;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// <c>theorylab sweep &lt;id&gt; --grid …</c>: runs every grid point × seed that is not already complete, in worker
/// processes, then writes the sweep's tables and figures; <c>sweep collect</c> writes them from the runs there are.
/// With <c>--backend slurm</c> it submits the missing runs as a job array instead, which <c>sweep status</c> follows.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var study = new SweepArguments();
        var parallel = new Option<int?>("--parallel") { Description = "Worker processes at once (default: the cores, fewer where memory allows fewer)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the number of runs, how many are done and the estimated time, then exit." };
        var yes = new Option<bool>("--yes") { Description = $"Start runs estimated at more than {CostConfirmation.LongerThan.TotalHours:F0} h or more memory than the machine has." };
        var backend = new SlurmArguments();
        var command = new Command("sweep", "Run an experiment over a grid of options and seeds, and aggregate the findings.") { parallel, dryRun, yes };
        study.AddTo(command);
        backend.AddTo(command);
        command.Add(SweepCollectCommand.Create(io, registry));
        command.Add(SweepStatusCommand.Create(io, registry));

        command.SetAction(parse =>
        {
            if (backend.OnSlurm(parse))
            {
                if (parse.GetResult(parallel) is { Implicit: false }) throw new TheoryLabException("--parallel sets local workers; with --backend slurm, --array-throttle limits the array tasks running at once.");
                var options = backend.Options(parse);
                return SweepSlurm.Submit(io, SweepCollectCommand.Plan(study, parse, registry), options, study.DataDirectory(parse), parse.GetValue(dryRun));
            }
            var plan = SweepCollectCommand.Plan(study, parse, registry);
            var missing = plan.Missing;
            var costs = missing.Select(r => r.Request.Options).Distinct().ToDictionary(o => o, plan.Experiment.EstimateCost);
            int workers = Workers(parse.GetValue(parallel), missing.Count, costs.Values);
            // Each worker runs its share of the runs one after another; the slowest share is the time left.
            var estimated = TimeSpan.FromSeconds(missing.Sum(r => costs[r.Request.Options].Estimated.TotalSeconds) / workers);
            string name = $"{plan.Experiment.Id} sweep {plan.Study.Hash}";
            io.Error.WriteLine($"{name}: {plan.Runs.Count} runs ({plan.Runs.Count / plan.Study.Seeds.Count} grid points × {plan.Study.Seeds.Count} seeds), " +
                $"{plan.Runs.Count - missing.Count} already done, {missing.Count} to run" + (missing.Count > 0 ? $", about {CostEstimate.Humanize(estimated)} with {workers} worker{(workers == 1 ? "" : "s")}" : ""));
            if (parse.GetValue(dryRun))
            {
                io.Out.WriteLine($"sweep directory: {plan.Directory}");
                return CliApp.Ok;
            }
            if (!parse.GetValue(yes) && costs.Values.Select(c => (Cost: c, Reason: CostConfirmation.Reason(c, CostConfirmation.MachineMemoryBytes))).FirstOrDefault(c => c.Reason is not null) is { Reason: { } reason } costly)
                throw new TheoryLabException($"{plan.Experiment.Id}: a run of this sweep is {costly.Cost}, {reason}; pass --yes to start it anyway, or change the options (--dry-run shows the cost).");

            foreach (var options in costs.Keys) plan.Experiment.PrepareData(options, study.Data(parse));
            SweepCollection.WriteStudy(plan);
            IReadOnlyList<SweepFailure> failures;
            using (var interrupt = new CancellationTokenSource())
            using (new InterruptSignals(interrupt))
                failures = SweepProgress.Show(io, name, missing.Count,
                    progress => SweepWorkers.Run(missing, plan.Study, study.DataDirectory(parse), workers, progress, interrupt.Token));

            io.Out.WriteLine($"{name}: {plan.Runs.Count} runs, {plan.Runs.Count - missing.Count} reused, {missing.Count - failures.Count} run, {failures.Count} failed");
            foreach (var failure in failures)
                io.Out.WriteLine($"  failed: {failure.Run.Describe()} ({failure.Run.Directory}): {failure.Error}");
            bool collected;
            if (missing.Count == 0 && SweepCollection.IsCurrent(plan))
            {
                // Redrawing every figure would cost more than the reuse itself; 'sweep collect' redraws them on request.
                io.Out.WriteLine($"tables and figures of the {plan.Runs.Count} runs are current in {plan.Directory}");
                collected = true;
            }
            else
            {
                // What ran changed which runs are complete; a sweep that ran nothing has its plan still.
                collected = SweepCollectCommand.Collect(io, missing.Count == 0 ? plan : SweepCollectCommand.Plan(study, parse, registry));
            }
            if (failures.Count == 0) return CliApp.Ok;
            io.Error.WriteLine($"error: {failures.Count} of {plan.Runs.Count} runs failed (listed above); the same command again runs only those" +
                (collected ? "." : ", then writes the tables."));
            return CliApp.UserError;
        });
        return command;
    }

    /// <summary>--parallel as given, else as many workers as cores, fewer where the memory a run needs allows fewer; never more than the runs.</summary>
    private static int Workers(int? requested, int runs, IEnumerable<CostEstimate> costs)
    {
        if (requested is < 1) throw new TheoryLabException($"--parallel must be at least 1, got {requested}.");
        if (requested is { } p) return p;
        long most = costs.Select(c => c.MemoryBytes ?? 0).DefaultIfEmpty(0).Max();
        long byMemory = most > 0 ? Math.Max(1, CostConfirmation.MachineMemoryBytes / most) : int.MaxValue;
        return (int)Math.Max(1, Math.Min(Math.Min(Environment.ProcessorCount, byMemory), runs));
    }
}
