namespace TheoryLab.Kernel;

/// <summary>Receives progress from long work; the CLI draws it as bars, tests ignore it.</summary>
public interface IProgressSink
{
    /// <summary>Starts a task of <paramref name="total"/> steps.</summary>
    IProgressTask Start(string description, long total);
}

/// <summary>A task in progress. Dispose it when the task ends.</summary>
public interface IProgressTask : IDisposable
{
    /// <summary>Marks <paramref name="steps"/> more steps done, optionally with the current metric ("loss 0.31").</summary>
    void Advance(long steps = 1, string? status = null);
}

/// <summary>A sink that shows nothing: for tests and library calls that do not want output.</summary>
public sealed class SilentProgress : IProgressSink
{
    public static readonly SilentProgress Instance = new();

    public IProgressTask Start(string description, long total) => Task.Instance;

    private sealed class Task : IProgressTask
    {
        public static readonly Task Instance = new();
        public void Advance(long steps = 1, string? status = null) { }
        public void Dispose() { }
    }
}
