using System.Diagnostics;
using Spectre.Console;
using TheoryLab.Sweeps;
using TheoryLab.Kernel;

namespace TheoryLab.Cli.Commands;

/// <summary>What a sweep reports as its workers start and end.</summary>
internal interface ISweepProgress
{
    void Update(int running);
    void Finished(SweepRun run, TimeSpan took, string? error, int running);
}

/// <summary>
/// One progress display for a whole sweep on stderr: a live bar with runs done, running and failed and the time left
/// on a terminal; a line per finished run in logs, where a bar cannot redraw.
/// </summary>
internal static class SweepProgress
{
    public static T Show<T>(ConsoleIO io, string name, int total, Func<ISweepProgress, T> work)
    {
        if (!io.InteractiveError) return work(new Lines(io.Error, total));
        T result = default!;
        io.RichError.Progress()
            .AutoClear(true)
            .AutoRefresh(false) // redrawn by the sweep's own loop, like a run's bars
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => result = work(new Live(context, context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total)), name, total)));
        return result;
    }

    /// <summary>"3/9 done, 2 running, 1 failed".</summary>
    private static string Counts(int done, int total, int running, int failed) => $"{done}/{total} done, {running} running, {failed} failed";

    private sealed class Live(ProgressContext context, ProgressTask task, string name, int total) : ISweepProgress
    {
        private int _done, _failed;

        public void Update(int running)
        {
            task.Description = $"{Markup.Escape(name)} [grey]{Counts(_done, total, running, _failed)}[/]";
            context.Refresh();
        }

        public void Finished(SweepRun run, TimeSpan took, string? error, int running)
        {
            if (error is null) _done++;
            else _failed++;
            task.Increment(1);
            Update(running);
        }
    }

    private sealed class Lines(TextWriter writer, int total) : ISweepProgress
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _done, _failed;

        public void Update(int running) { }

        public void Finished(SweepRun run, TimeSpan took, string? error, int running)
        {
            if (error is null) _done++;
            else _failed++;
            int ended = _done + _failed;
            var left = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / ended * (total - ended));
            string outcome = error is null ? $"done in {took.TotalSeconds:F1} s" : $"failed: {error}";
            writer.WriteLine($"  {run.Describe()}: {outcome}; {Counts(_done, total, running, _failed)}" + (ended < total ? $", about {CostEstimate.Humanize(left)} left" : ""));
        }
    }
}
