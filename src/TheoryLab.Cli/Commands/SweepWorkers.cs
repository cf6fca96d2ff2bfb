using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>A run of a sweep that did not complete, with its one-line error.</summary>
internal sealed record SweepFailure(SweepRun Run, string Error);

/// <summary>
/// Runs a sweep's missing runs in up to <c>parallel</c> worker processes at once. A failed run does not stop the
/// others; an interrupt stops starting new ones and interrupts the running ones, which mark their runs failed.
/// </summary>
internal static class SweepWorkers
{
    /// <summary>How often the progress is redrawn while no worker ends.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static IReadOnlyList<SweepFailure> Run(IReadOnlyList<SweepRun> runs, Study study, string? dataDirectory, int parallel,
        ISweepProgress progress, CancellationToken interrupt)
    {
        int threads = Math.Max(1, Environment.ProcessorCount / parallel);
        var waiting = new Queue<SweepRun>(runs);
        var running = new List<SweepWorker>();
        var failures = new List<SweepFailure>();
        bool interrupted = false;
        try
        {
            while (waiting.Count > 0 || running.Count > 0)
            {
                if (interrupt.IsCancellationRequested && !interrupted)
                {
                    interrupted = true;
                    waiting.Clear();
                    foreach (var worker in running) worker.Interrupt();
                }
                while (running.Count < parallel && waiting.Count > 0)
                {
                    running.Add(SweepWorker.Start(waiting.Dequeue(), study, dataDirectory, threads));
                    progress.Update(running.Count);
                }
                Task.WaitAny([.. running.Select(w => w.Ended)], Poll);
                foreach (var worker in running.Where(w => w.Ended.IsCompleted).ToList())
                {
                    running.Remove(worker);
                    string? error = worker.Error();
                    if (error is not null) failures.Add(new SweepFailure(worker.Run, error));
                    progress.Finished(worker.Run, worker.Elapsed, error, running.Count);
                    worker.Dispose();
                }
                progress.Update(running.Count);
            }
        }
        finally
        {
            // Only an error of the sweep itself gets here with workers left; none may outlive it.
            foreach (var worker in running)
            {
                worker.Kill();
                worker.Dispose();
            }
        }
        interrupt.ThrowIfCancellationRequested();
        return failures;
    }
}
