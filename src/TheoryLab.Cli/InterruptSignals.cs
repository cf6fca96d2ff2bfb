using System.Runtime.InteropServices;

namespace TheoryLab.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM (kill, a batch system's time limit) and SIGHUP (a closed terminal or SSH session)
/// into cancellation of a run, so that each ends alike: a run.json marked failed and no staging directory. A second
/// signal while the run winds down ends the process at once; the next run removes the staging directory it leaves.
/// A command started with SIGHUP ignored, as <c>nohup</c> starts it, keeps ignoring it (SignalTests).
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public InterruptSignals(CancellationTokenSource interrupt)
    {
        _registrations =
        [
            .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                if (interrupt.IsCancellationRequested) return;
                context.Cancel = true;
                interrupt.Cancel();
            })),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
