using System.Diagnostics;
using System.Runtime.InteropServices;
using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// One run of a sweep in a child process: this CLI's own <c>run</c> with the run's options, seed and directory, so
/// that it writes exactly what <c>theorylab run</c> would. Its one-line error, if it fails, is read from its stderr.
/// </summary>
internal sealed class SweepWorker : IDisposable
{
    /// <summary>
    /// The variable that caps what a <c>threads</c> option of 0 (one per core) resolves to in a worker: libtorch's
    /// OpenMP pool starts with this many threads. The option itself, and so the run id, is left as the user set it.
    /// </summary>
    public const string ThreadsVariable = "OMP_NUM_THREADS";

    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Task<string> _stdout, _stderr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public SweepRun Run { get; }

    /// <summary>Completes when the process has ended and both its streams are read.</summary>
    public Task Ended { get; }

    private SweepWorker(SweepRun run, Process process)
    {
        Run = run;
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        Ended = Task.WhenAll(process.WaitForExitAsync(), _stdout, _stderr);
    }

    public static SweepWorker Start(SweepRun run, Study study, string? dataDirectory, int threads)
    {
        var (program, prefix) = CliExecutable.Command();
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in prefix.Concat(run.RunArguments(study, dataDirectory))) info.ArgumentList.Add(argument);
        // A cap the user set for the whole machine is theirs to keep.
        if (Environment.GetEnvironmentVariable(ThreadsVariable) is null) info.Environment[ThreadsVariable] = threads.ToString();
        return new SweepWorker(run, Process.Start(info) ?? throw new TheoryLabException($"could not start a worker process ({info.FileName})."));
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Null when the run completed; else its one-line error, or how its process ended.</summary>
    public string? Error()
    {
        if (_process.ExitCode == CliApp.Ok) return null;
        string? line = _stderr.Result.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("error: ") || l.StartsWith("interrupted: "));
        if (line is not null) return line.StartsWith("error: ") ? line["error: ".Length..] : line;
        // Processes killed by a signal end with 128 + its number, as the shell reports them.
        return _process.ExitCode > 128 ? $"its process was killed by signal {_process.ExitCode - 128}" : $"its process ended with exit code {_process.ExitCode}";
    }

    /// <summary>Asks the worker to stop as Ctrl-C would: its run is marked failed and leaves no partial files.</summary>
    public void Interrupt()
    {
        if (!_process.HasExited) kill(_process.Id, SigTerm);
    }

    /// <summary>Ends the worker and anything it started, where it still runs.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
    }

    public void Dispose() => _process.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
