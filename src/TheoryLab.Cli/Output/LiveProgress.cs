using Spectre.Console;
using TheoryLab.Experiments;

namespace TheoryLab.Cli.Output;

/// <summary>Progress bars drawn live on a terminal (stderr), one per task, with the current metric.</summary>
internal sealed class LiveProgress(ProgressContext context) : IProgressSink
{
    public IProgressTask Start(string description, long total) =>
        new Task(context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total)), description);

    private sealed class Task(ProgressTask task, string description) : IProgressTask
    {
        public void Advance(long steps = 1, string? status = null)
        {
            task.Increment(steps);
            if (status is not null) task.Description = $"{Markup.Escape(description)} [grey]{Markup.Escape(status)}[/]";
        }

        public void Dispose()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
