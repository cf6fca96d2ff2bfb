using TheoryLab.Report;
using TheoryLab.Report.Checks;
using TheoryLab.Report.Latex;

namespace TheoryLab.Web;

/// <summary>Where a report build stands, as the page polls it: idle, building, succeeded or failed, with LaTeX's messages.</summary>
public sealed record BuildState(string State, double Seconds, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public static readonly BuildState Idle = new("idle", 0, [], []);
}

/// <summary>
/// The server's one report directory and the library's commands on it (<c>report new|add|build|check</c>), done in
/// this process: none of them does torch work (the reason launched runs get a process of their own), and LaTeX
/// already runs as latexmk's own processes. One command at a time, since each rewrites report.json, refs.bib or
/// the PDF; a build runs in the background so that the page can show its state, and refuses what comes meanwhile.
/// </summary>
internal sealed class ReportDesk(string directory) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private volatile BuildState _build = BuildState.Idle;
    private Task _building = Task.CompletedTask;
    private System.Diagnostics.Stopwatch _clock = new();

    /// <summary>The report directory (absolute): the only place report files are read from or written to.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    public bool Exists => File.Exists(Path.Combine(Directory, ReportLayout.ManifestFile));

    /// <summary>The last build's outcome, or the seconds a running one has taken so far.</summary>
    public BuildState Build => _build.State == "building" ? _build with { Seconds = _clock.Elapsed.TotalSeconds } : _build;

    /// <summary>'report new' into the server's report directory.</summary>
    public ReportProject Create(string title, string author) => WithTurn(() => ReportProject.Create(Directory, title, author));

    /// <summary>'report add' of run or sweep directories.</summary>
    public ReportAddResult Add(Figures.FigureWidth width, string runDirectory) => WithTurn(() => ReportProject.Open(Directory).Add(width, runDirectory));

    /// <summary>The report as it stands: report.json read through the library.</summary>
    public ReportProject Open() => ReportProject.Open(Directory);

    /// <summary>'report check' of the report directory: main.tex's rules, and the PDF's where there is one.</summary>
    public ReportCheck Check() => WithTurn(() => ReportChecker.Check(Directory));

    /// <summary>Starts 'report build' in the background; <see cref="Build"/> follows it.</summary>
    public BuildState StartBuild()
    {
        Open();
        if (!_turn.Wait(0)) throw Busy();
        var clock = _clock = System.Diagnostics.Stopwatch.StartNew();
        _build = new BuildState("building", 0, [], []);
        _building = Task.Run(() =>
        {
            try
            {
                var result = ReportBuilder.Build(Directory, cancellation: _stopping.Token);
                _build = new BuildState(result.Succeeded ? "succeeded" : "failed", result.Elapsed.TotalSeconds,
                    [.. result.Errors.Select(e => e.ToString())], [.. result.Warnings.Select(w => w.ToString())]);
            }
            catch (Exception e) when (TheoryLabException.Within(e) is { } userError)
            {
                // LaTeX missing, or main.tex gone: the CLI's one line, as 'report build' prints it.
                _build = new BuildState("failed", clock.Elapsed.TotalSeconds, [userError.Message], []);
            }
            catch (OperationCanceledException)
            {
                _build = new BuildState("failed", clock.Elapsed.TotalSeconds, ["the server stopped before the build finished"], []);
            }
            finally
            {
                _turn.Release();
            }
        });
        return Build;
    }

    /// <summary>Stops a running build (the server is stopping) and waits for latexmk to end.</summary>
    public Task StopAsync()
    {
        _stopping.Cancel();
        return _building;
    }

    /// <summary>Runs a short command when the report is free: it waits for another short one (an add, a check), never for a build.</summary>
    private T WithTurn<T>(Func<T> command)
    {
        if (!_turn.Wait(_build.State == "building" ? TimeSpan.Zero : ShortCommandWait)) throw Busy();
        try
        {
            return command();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Longer than an add or a check takes; a build that started meanwhile is what it would be waiting for.</summary>
    private static readonly TimeSpan ShortCommandWait = TimeSpan.FromSeconds(20);

    private static TheoryLabException Busy() =>
        new("the report is being built; wait until the build has finished (its state shows on the report page), then try again.");

    public void Dispose()
    {
        _stopping.Dispose();
        _turn.Dispose();
    }
}
