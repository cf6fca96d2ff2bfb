using System.Diagnostics;
using System.Text;

namespace TheoryLab.Tests.Cli;

/// <summary>
/// The theorylab command in a process of its own, as a user starts a sweep: its workers are started from its own
/// executable, which a test host is not. Disposing kills the process and every worker it started.
/// </summary>
internal sealed class SweepProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public SweepProcess(params string[] args) : this(new Dictionary<string, string>(), args)
    {
    }

    /// <param name="environment">Variables set for the command on top of the test's own (a PATH with a fake sbatch, a SLURM_CONF).</param>
    public SweepProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TheoryLab.Cli.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public TimeSpan Elapsed { get; private set; }

    public string Out
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string Err
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Waits for the command to end and returns its exit code; fails the test after <paramref name="limit"/>.</summary>
    public int Wait(TimeSpan limit)
    {
        Assert.True(_process.WaitForExit(limit), $"the sweep went on for more than {limit}: {Err}");
        _process.WaitForExit(); // flushes the streams' last lines
        Elapsed = _clock.Elapsed;
        return _process.ExitCode;
    }

    /// <summary>Ends the sweep and its workers at once, as a lost machine or kill -9 would.</summary>
    public void KillTree()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        KillTree();
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
    }
}
