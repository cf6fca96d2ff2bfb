namespace TheoryLab.Sweeps;

/// <summary>
/// What a sweep asks of Slurm for each array task: the partition, its time and memory limits and cores (left to the
/// cluster's defaults where null), how many tasks may run at once, and how many of the sweep's runs each task runs.
/// Time and memory are passed to sbatch as written (<c>2:00:00</c>, <c>4G</c>), so any form sbatch accepts works.
/// </summary>
public sealed record SlurmOptions(string? Partition, string? Time, string? Memory, int? CpusPerTask, int? ArrayThrottle, int RunsPerTask)
{
    public static SlurmOptions Default { get; } = new(null, null, null, null, null, 1);

    /// <summary>Throws a one-line <see cref="TheoryLabException"/> naming the first option that sbatch could not take.</summary>
    public SlurmOptions Checked()
    {
        foreach (var (flag, value) in new[] { ("--partition", Partition), ("--time", Time), ("--mem", Memory) })
            if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '#' or '\\')))
                throw new TheoryLabException($"{flag} must be one word, as sbatch takes it on its own line, without spaces, quotes, '#' or '\\' (such as {flag} {Example(flag)}).");
        foreach (var (flag, value) in new[] { ("--cpus-per-task", CpusPerTask), ("--array-throttle", ArrayThrottle), ("--runs-per-task", (int?)RunsPerTask) })
            if (value is < 1) throw new TheoryLabException($"{flag} must be at least 1, got {value}.");
        return this;
    }

    private static string Example(string flag) => flag switch
    {
        "--partition" => "debug",
        "--time" => "1:00:00",
        _ => "4G",
    };
}
