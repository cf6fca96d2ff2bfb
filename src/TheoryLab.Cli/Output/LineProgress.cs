using System.Diagnostics;
using TheoryLab.Kernel;

namespace TheoryLab.Cli.Output;

/// <summary>
/// Progress for logs and CI, where a live bar cannot redraw: a line at each quarter of a task that has
/// run longer than a second, so long work is visible without flooding the log.
/// </summary>
internal sealed class LineProgress(TextWriter writer) : IProgressSink
{
    public IProgressTask Start(string description, long total) => new Task(writer, description, Math.Max(1, total));

    private sealed class Task(TextWriter writer, string description, long total) : IProgressTask
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _done;
        private int _quartersShown;
        private string? _status;

        public void Advance(long steps = 1, string? status = null)
        {
            long done = Interlocked.Add(ref _done, steps);
            _status = status ?? _status;
            int quarter = (int)Math.Min(4, done * 4 / total);
            if (quarter > _quartersShown && _clock.Elapsed.TotalSeconds > 1)
            {
                _quartersShown = quarter;
                writer.WriteLine($"  {description}: {done}/{total} ({quarter * 25}%){(_status is null ? "" : ", " + _status)}, {_clock.Elapsed.TotalSeconds:F1} s");
            }
        }

        public void Dispose() { }
    }
}
