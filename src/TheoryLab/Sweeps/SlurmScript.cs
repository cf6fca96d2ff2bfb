using System.Text;

namespace TheoryLab.Sweeps;

/// <summary>
/// The sbatch script of a sweep's missing runs: a job array with one task per chunk of runs, each task running its
/// runs one after another through the CLI's own <c>run</c>, exactly as a local worker does. The script is the whole
/// plan: a user can read it, and resubmitting it with sbatch runs the same runs again.
/// </summary>
public static class SlurmScript
{
    /// <summary>The runs of each array task: <paramref name="runsPerTask"/> at a time, in the plan's order.</summary>
    public static IReadOnlyList<IReadOnlyList<SweepRun>> Tasks(IReadOnlyList<SweepRun> runs, int runsPerTask) =>
        runs.Chunk(runsPerTask).Select(c => (IReadOnlyList<SweepRun>)c).ToList();

    /// <param name="program">The executable that starts the CLI on a node, and the arguments before the CLI's own (the CLI's assembly, under the dotnet host).</param>
    /// <param name="logs">The folder of the tasks' output, one file per task.</param>
    public static string Write(SweepPlan plan, IReadOnlyList<IReadOnlyList<SweepRun>> tasks, SlurmOptions options,
        string program, IReadOnlyList<string> prefix, string? dataDirectory, string logs)
    {
        var study = plan.Study;
        string array = $"0-{tasks.Count - 1}" + (options.ArrayThrottle is { } throttle ? $"%{throttle}" : "");
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append($"# theorylab sweep of {study.Experiment} ({plan.Directory}): {tasks.Sum(t => t.Count)} runs in {tasks.Count} array tasks.\n");
        text.Append("# Written by 'theorylab sweep --backend slurm'; the same command again submits only the runs still missing.\n");
        text.Append($"#SBATCH --job-name=theorylab-{study.Experiment}-{study.Hash}\n");
        text.Append($"#SBATCH --array={array}\n");
        text.Append($"#SBATCH --output={Path.Combine(logs, "%A_%a.log")}\n");
        if (options.Partition is not null) text.Append($"#SBATCH --partition={options.Partition}\n");
        if (options.Time is not null) text.Append($"#SBATCH --time={options.Time}\n");
        if (options.Memory is not null) text.Append($"#SBATCH --mem={options.Memory}\n");
        if (options.CpusPerTask is not null) text.Append($"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        text.Append('\n');
        text.Append($"theorylab=({string.Join(' ', prefix.Prepend(program).Select(Quote))})\n");
        // The nodes must see the login node's files; a task that cannot start the CLI says which file is missing.
        text.Append("for file in \"${theorylab[@]}\"; do\n");
        text.Append("  if [ ! -e \"$file\" ]; then echo \"error: $file does not exist on $(hostname); put TheoryLab on a filesystem the nodes share (see docs/sweeps.md)\" >&2; exit 2; fi\n");
        text.Append("done\n");
        // A threads option of 0 ("one per core") then means the cores Slurm gave the task, not the node's.
        text.Append("export OMP_NUM_THREADS=${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-1}}\n");
        text.Append("failed=0\n");
        text.Append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        for (int k = 0; k < tasks.Count; k++)
        {
            text.Append($"  {k})\n");
            foreach (var run in tasks[k])
            {
                text.Append($"    # {run.Describe()}\n");
                text.Append($"    \"${{theorylab[@]}}\" {string.Join(' ', run.RunArguments(study, dataDirectory).Select(Quote))} || failed=1\n");
            }
            text.Append("    ;;\n");
        }
        text.Append("  *) echo \"error: this script has no array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n");
        text.Append("esac\n");
        text.Append("exit $failed\n");
        return text.ToString();
    }

    /// <summary>A word for bash: bare where it holds only characters bash leaves alone, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',' or '+')
            ? word
            : "'" + word.Replace("'", @"'\''") + "'";
}
