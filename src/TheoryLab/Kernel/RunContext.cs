using TheoryLab.Data;
using TheoryLab.Torch;

namespace TheoryLab.Kernel;

/// <summary>
/// Everything a run gets from outside its options: the seed, the device, where to report progress,
/// cancellation, the directory for its own files, and where data lives.
/// </summary>
public sealed class RunContext
{
    public int Seed { get; init; }
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
    public IProgressSink Progress { get; init; } = SilentProgress.Instance;
    public CancellationToken Cancellation { get; init; }

    /// <summary>Directory for files the experiment writes itself (weights); null when the run is not stored.</summary>
    public string? Directory { get; init; }

    /// <summary>
    /// Directory for work that an interrupted run should not redo (finished grid points, trained weights): unlike
    /// <see cref="Directory"/>, it survives a failure or Ctrl-C, the next attempt of the same run (same run id and run
    /// directory) gets it again, and it is deleted once the run completes. Created by whoever writes to it; null when the
    /// run is not stored.
    /// </summary>
    public string? ResumeDirectory { get; init; }

    public DataStore Data { get; init; } = DataStore.Default;

    /// <summary>A generator for one named purpose, seeded from the run's seed so streams do not interfere.</summary>
    public Random Random(string purpose) => new(Seeds.Derive(Seed, purpose));

    /// <summary>A torch generator for one named purpose (weights, random inputs), seeded from the run's seed likewise.</summary>
    public TorchSharp.torch.Generator TorchGenerator(string purpose) => new((ulong)Seeds.Derive(Seed, purpose));

    /// <summary>A context for library calls and tests: seed 0, CPU, no progress, nothing stored.</summary>
    public static RunContext Default { get; } = new();
}
