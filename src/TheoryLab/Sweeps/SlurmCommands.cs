using System.Diagnostics;

namespace TheoryLab.Sweeps;

/// <summary>The state of an array task as squeue or sacct reports it: PENDING, RUNNING, FAILED, TIMEOUT…, and squeue's reason.</summary>
public sealed record SlurmTaskState(string State, string? Reason);

/// <summary>
/// Slurm's own commands, run as a user would run them: <c>sbatch --parsable</c> to submit, <c>squeue</c> for the tasks
/// still queued or running, <c>sacct</c> for how the others ended, where the cluster keeps accounts.
/// </summary>
public static class SlurmCommands
{
    /// <summary>Longer than any answer of a working controller; a hung one is reported rather than waited on.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static bool Installed(string command) => ProgramPath.Find(command) is not null;

    /// <summary>The path of a Slurm command, or a one-line error saying where such commands are.</summary>
    public static string Require(string command) => ProgramPath.Find(command)
        ?? throw new TheoryLabException($"{command} is not on PATH; run this on a Slurm login node (on many clusters after 'module load slurm'), or sweep on this machine with --backend local.");

    /// <summary>Submits <paramref name="script"/> and returns its job id.</summary>
    public static string Submit(string script)
    {
        var (code, output, error) = Run("sbatch", "--parsable", script);
        string job = output.Trim().Split(';')[0];
        if (code != 0 || job.Length == 0 || !job.All(char.IsAsciiDigit))
            throw new TheoryLabException($"sbatch refused the sweep's script {script}: {FirstLine(error, output)}; fix what it names (a partition, a limit) and run the same command again.");
        return job;
    }

    /// <summary>The array tasks of <paramref name="job"/> that squeue still lists, by task index; none once the job has left the queue.</summary>
    public static IReadOnlyDictionary<int, SlurmTaskState> Queued(string job)
    {
        var (code, output, error) = Run("squeue", "--noheader", "--array", "--jobs", job, "--format", "%K|%T|%r");
        // squeue refuses the id of a job that has left the queue entirely; that job has no queued tasks.
        if (code != 0 && error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) return new Dictionary<int, SlurmTaskState>();
        if (code != 0) throw new TheoryLabException($"squeue could not list job {job}: {FirstLine(error, output)}; check that the Slurm controller answers (sinfo).");
        return Parse(output, fields => fields.Length == 3 ? new SlurmTaskState(fields[1], fields[2] is "None" or "" ? null : fields[2]) : null);
    }

    /// <summary>How each array task of <paramref name="job"/> ended or stands, by sacct; null with sacct's reason where the cluster keeps no accounts.</summary>
    public static (IReadOnlyDictionary<int, SlurmTaskState>? Tasks, string? Unavailable) Accounted(string job)
    {
        if (!Installed("sacct")) return (null, "sacct is not installed");
        var (code, output, error) = Run("sacct", "--noheader", "--allocations", "--parsable2", "--jobs", job, "--format", "JobID,State");
        if (code != 0) return (null, FirstLine(error, output));
        // Lines are "12_3|FAILED"; a pending range "12_[4-9%2]|PENDING" is squeue's to report.
        return (Parse(output, fields => fields.Length == 2 && fields[0].Contains('_') ? new SlurmTaskState(fields[1].Split(' ')[0], null) : null, first: f => f.Split('_')[^1]), null);
    }

    private static Dictionary<int, SlurmTaskState> Parse(string output, Func<string[], SlurmTaskState?> state, Func<string, string>? first = null)
    {
        var tasks = new Dictionary<int, SlurmTaskState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (state(fields) is { } s && int.TryParse((first ?? (f => f))(fields[0]), out int task)) tasks[task] = s;
        }
        return tasks;
    }

    private static (int Code, string Output, string Error) Run(string command, params string[] arguments)
    {
        string program = Require(command);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new TheoryLabException($"could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TheoryLabException($"{command} did not answer within {Limit.TotalSeconds:F0} s; check that the Slurm controller is up (sinfo) and try again.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string FirstLine(string error, string output) =>
        (error + "\n" + output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
