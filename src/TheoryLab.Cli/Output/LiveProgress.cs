using System.Diagnostics;
using Spectre.Console;
using TheoryLab.Kernel;

namespace TheoryLab.Cli.Output;

/// <summary>
/// Progress bars drawn live on a terminal (stderr), one per task, with the current metric. The bars are redrawn from
/// the working thread, at most every <see cref="RefreshInterval"/>, never from a thread of their own: TorchSharp 0.107
/// frees the Scalars it makes for `x * 2.0` or `add_(g, alpha)` in finalisers, and a collection triggered by a second
/// allocating thread while libtorch is still reading such a Scalar is a use-after-free.
/// </summary>
internal sealed class LiveProgress(ProgressContext context) : IProgressSink
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();

    public IProgressTask Start(string description, long total)
    {
        var task = new Task(this, context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total)), description);
        Refresh(force: true);
        return task;
    }

    private void Refresh(bool force = false)
    {
        if (!force && _sinceRefresh.Elapsed < RefreshInterval) return;
        context.Refresh();
        _sinceRefresh.Restart();
    }

    private sealed class Task(LiveProgress owner, ProgressTask task, string description) : IProgressTask
    {
        public void Advance(long steps = 1, string? status = null)
        {
            task.Increment(steps);
            if (status is not null) task.Description = $"{Markup.Escape(description)} [grey]{Markup.Escape(status)}[/]";
            owner.Refresh();
        }

        public void Dispose()
        {
            task.Value = task.MaxValue;
            task.StopTask();
            owner.Refresh(force: true);
        }
    }
}
