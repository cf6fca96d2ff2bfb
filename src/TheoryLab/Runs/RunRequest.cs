using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Torch;

namespace TheoryLab.Runs;

/// <summary>How to run an experiment: its options and everything around them.</summary>
public sealed record RunRequest(IExperiment Experiment, object Options)
{
    public int Seed { get; init; }
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>The run directory itself; null means <c>Root/&lt;experiment&gt;/&lt;run-id&gt;</c>.</summary>
    public string? OutputDirectory { get; init; }
    public string Root { get; init; } = RunLayout.DefaultRoot;

    /// <summary>Run again even when a completed run with the same id exists.</summary>
    public bool Force { get; init; }
    public IProgressSink Progress { get; init; } = SilentProgress.Instance;
    public CancellationToken Cancellation { get; init; }
    public DataStore Data { get; init; } = DataStore.Default;

    public string RunId => Runs.RunId.For(Experiment, Options, Seed, Device);
    public string Directory => OutputDirectory ?? Path.Combine(Root, Experiment.Id, RunId);
}

/// <summary>A finished run: where it is, what it found, and whether an earlier identical run was reused.</summary>
public sealed record RunOutcome(string Directory, RunRecord Record, IReadOnlyList<Finding> Findings, bool Reused)
{
    /// <summary>The tables and figures in memory, as the experiment returned them; null for a reused run, read from disk.</summary>
    public ExperimentResult? Result { get; init; }
}
