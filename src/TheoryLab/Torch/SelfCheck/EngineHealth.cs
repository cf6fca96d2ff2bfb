namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// What the kernel self-check found in this process: the path chosen, every comparison made on it, and the
/// comparisons that ruled out oneDNN (empty where oneDNN passed or was ruled out by an earlier process).
/// </summary>
public sealed record EngineHealth(
    KernelPath Path,
    string Decision,
    IReadOnlyList<KernelVerdict> Verdicts,
    IReadOnlyList<KernelVerdict> RejectedOnOneDnn,
    bool RememberedFromEarlierCheck,
    double Milliseconds)
{
    /// <summary>Every probed kernel once, with its worst relative error on the chosen path.</summary>
    public IReadOnlyList<KernelSummary> Kernels =>
        Verdicts.GroupBy(v => v.Kernel).Select(g => new KernelSummary(g.Key, g.Max(v => v.RelativeError), g.First().Tolerance)).ToArray();
}

/// <summary>A kernel's worst relative error over its outputs, as run.json records it.</summary>
public sealed record KernelSummary(string Kernel, double WorstRelativeError, double Tolerance);
