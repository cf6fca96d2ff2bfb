using Spectre.Console;
using TheoryLab.Kernel;

namespace TheoryLab.Cli.Output;

/// <summary>Runs work while drawing its progress on stderr: live bars on a terminal, quarter-way lines in logs.</summary>
internal static class Progress
{
    public static T Show<T>(ConsoleIO io, Func<IProgressSink, T> work)
    {
        if (!io.InteractiveError) return work(new LineProgress(io.Error));
        T result = default!;
        io.RichError.Progress()
            .AutoClear(true)
            .AutoRefresh(false) // LiveProgress redraws from the working thread (see why there)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => result = work(new LiveProgress(context)));
        return result;
    }
}
