namespace TheoryLab.Kernel;

/// <summary>
/// What a run will cost before it starts: how many units of work (trainings, network evaluations, grid
/// points) and, from a short calibration, about how long; where it grows with the options, the memory it needs.
/// </summary>
public sealed record CostEstimate(long Units, string UnitName, TimeSpan Estimated)
{
    /// <summary>The most memory the run holds at once, in bytes; null where it is small or not estimated.</summary>
    public long? MemoryBytes { get; init; }

    public static CostEstimate Negligible { get; } = new(1, "computation", TimeSpan.FromSeconds(1));

    /// <summary>Units × the measured seconds per unit.</summary>
    public static CostEstimate FromCalibration(long units, string unitName, double secondsPerUnit, double fixedSeconds = 0) =>
        new(units, unitName, TimeSpan.FromSeconds(fixedSeconds + units * secondsPerUnit));

    /// <summary>Memory is worth a word once it nears what a laptop has to spare.</summary>
    private const long MemoryWorthStating = 1L << 30;

    public override string ToString() =>
        $"{Units:N0} {UnitName}, {(Estimated.TotalSeconds < 1 ? "" : "about ")}{Humanize(Estimated)}" + (MemoryBytes >= MemoryWorthStating ? $" and {HumanizeBytes(MemoryBytes.Value)} of memory" : "");

    public static string HumanizeBytes(long bytes) => $"{bytes / (double)(1L << 30):F1} GiB";

    public static string Humanize(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => "under a second",
        < 90 => $"{t.TotalSeconds:F0} s",
        < 5400 => $"{t.TotalMinutes:F0} min",
        _ => $"{t.TotalHours:F1} h",
    };
}
