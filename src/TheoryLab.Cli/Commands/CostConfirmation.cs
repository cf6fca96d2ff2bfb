using TheoryLab.Kernel;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// Runs estimated to hold the machine for hours, or to need more memory than it has, start only with --yes: one
/// mistyped option (a width of 20000 for 2000) should cost a message, not a day or a machine deep in swap.
/// </summary>
internal static class CostConfirmation
{
    public static readonly TimeSpan LongerThan = TimeSpan.FromHours(2);

    /// <summary>Why <paramref name="cost"/> needs confirming on a machine of <paramref name="machineMemoryBytes"/>; null where it does not.</summary>
    public static string? Reason(CostEstimate cost, long machineMemoryBytes)
    {
        if (cost.Estimated > LongerThan) return $"more than {LongerThan.TotalHours:F0} h";
        if (cost.MemoryBytes > machineMemoryBytes) return $"more memory than this machine's {CostEstimate.HumanizeBytes(machineMemoryBytes)}";
        return null;
    }

    /// <summary>The memory this process may use: the machine's, or its container's limit.</summary>
    public static long MachineMemoryBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
