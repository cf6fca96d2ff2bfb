using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TheoryLab.Web;

/// <summary>One event of a launched run as the page receives it: its kind ("progress", "done") and one line of data.</summary>
public sealed record LaunchEvent(string Kind, string Data);

/// <summary>
/// A run launched from the page: the CLI's own <c>theorylab run</c> in a child process, so the run executes exactly as
/// on the command line, keeps torch work off the server's threads (README: one thread of torch work), and a crash in it
/// cannot take the server down. Its stderr lines (the CLI's progress lines, its one-line error) become events; it
/// belongs to the server, not to a page, so a closed browser leaves it running.
/// </summary>
public sealed class Launch
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly List<LaunchEvent> _events = [];
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _lastError;
    private volatile bool _cancelled;

    public string Id { get; }

    /// <summary>The run directory, relative to the runs root.</summary>
    public string Directory { get; }

    /// <summary>Completes when the process has ended and its last event is recorded.</summary>
    public Task Ended { get; }

    private Launch(string id, string directory, Process process, string commandLine, string cancelled)
    {
        Id = id;
        Directory = directory;
        _process = process;
        Add(new LaunchEvent("progress", commandLine));
        var stdout = process.StandardOutput.ReadToEndAsync();
        Ended = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line) Progress(line);
            await stdout;
            await process.WaitForExitAsync();
            bool completed = process.ExitCode == 0;
            Add(new LaunchEvent("done", System.Text.Json.JsonSerializer.Serialize(new
            {
                status = completed ? "completed" : _cancelled ? "cancelled" : "failed",
                directory = Directory,
                error = completed ? null : _cancelled ? "cancelled from the page; " + cancelled : _lastError ?? $"the process ended with exit code {process.ExitCode}",
            })));
        });
    }

    /// <summary>Starts <c>theorylab</c> with <paramref name="arguments"/>, in a session of its own so that a Ctrl-C at the terminal reaches only the server, which then stops it once.</summary>
    /// <param name="cancelled">What a cancellation leaves, for the last event: "the run is marked failed and left no findings".</param>
    public static Launch Start(string id, string directory, ProcessStartInfo cli, IEnumerable<string> arguments, string cancelled)
    {
        var info = new ProcessStartInfo(File.Exists(SetSid) ? SetSid : cli.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (File.Exists(SetSid)) info.ArgumentList.Add(cli.FileName);
        var run = arguments.ToList();
        foreach (var argument in cli.ArgumentList.Concat(run)) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new TheoryLabException($"could not start 'theorylab run' ({cli.FileName}).");
        process.StandardInput.Close();
        return new Launch(id, directory, process, "theorylab " + string.Join(' ', run), cancelled);
    }

    /// <summary>util-linux's setsid, on every Debian system.</summary>
    private const string SetSid = "/usr/bin/setsid";

    /// <summary>The events from the <paramref name="seen"/>th on, whether the run has ended, and a task that completes at the next event.</summary>
    public (IReadOnlyList<LaunchEvent> Events, bool Ended, Task Changed) Since(int seen)
    {
        lock (_gate) return (_events.Skip(seen).ToList(), _events.Count > 0 && _events[^1].Kind == "done", _changed.Task);
    }

    /// <summary>Stops the run at the page's request, as <see cref="Interrupt"/> does; its last event says it was cancelled.</summary>
    public void Cancel()
    {
        _cancelled = true;
        Interrupt();
    }

    /// <summary>Asks the run to stop as Ctrl-C would stop 'theorylab run': it is marked failed and leaves no partial files.</summary>
    public void Interrupt()
    {
        if (!_process.HasExited) kill(_process.Id, SigTerm);
    }

    private void Progress(string line)
    {
        if (line.StartsWith("error: ", StringComparison.Ordinal)) _lastError = line["error: ".Length..];
        if (line.Trim().Length > 0) Add(new LaunchEvent("progress", line.Trim()));
    }

    private void Add(LaunchEvent e)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(e);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
