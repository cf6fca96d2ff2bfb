using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace TheoryLab.Training;

/// <summary>
/// Runs independent trainings of small networks side by side, each on one libtorch intra-op thread: for such networks
/// one thread per training beats several threads on one training, and the numbers are the same whatever the number of
/// lanes, as long as each item draws its randomness from its own seed (never from torch's global generator).
/// </summary>
public static class SingleThreadLanes
{
    /// <summary>
    /// Calls <paramref name="work"/> on every item, at most <paramref name="lanes"/> at once, costliest first (by
    /// <paramref name="cost"/>) and handed out one at a time, so the lanes finish together.
    /// </summary>
    public static void ForEach<T>(IEnumerable<T> items, Func<T, double> cost, int lanes, Action<T> work, CancellationToken cancellation = default)
    {
        var order = Partitioner.Create(items.OrderByDescending(cost), EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, lanes), CancellationToken = cancellation }, item =>
            {
                // libtorch's thread count is OpenMP's, which each thread holds for itself: a pool thread starts with all cores.
                using var one = IntraOpThreads.Use(1);
                work(item);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A user error or a cancellation inside one item surfaces as itself, not wrapped.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
