using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// Sets libtorch's intra-op thread count for a stretch of work and restores the previous count when disposed.
/// Small networks train faster on one thread: their per-operation work is too small for the threads' hand-offs
/// to pay, and on a machine shared with other work a thread that waits for a descheduled peer stalls every step.
/// </summary>
public sealed class IntraOpThreads : IDisposable
{
    private readonly int _previous;

    private IntraOpThreads(int threads)
    {
        _previous = get_num_threads();
        set_num_threads(threads);
    }

    /// <summary>
    /// Uses <paramref name="threads"/> threads until the returned object is disposed; 0 keeps libtorch's count as it is
    /// (by default one per core), which is what a <c>threads</c> option of 0 means.
    /// </summary>
    public static IntraOpThreads Use(int threads) =>
        threads >= 0 ? new(threads == 0 ? get_num_threads() : threads) : throw new ArgumentOutOfRangeException(nameof(threads), threads, "0 (keep the count) or more");

    public void Dispose() => set_num_threads(_previous);
}
