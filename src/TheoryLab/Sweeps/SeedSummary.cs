using TheoryLab.Kernel;
using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Sweeps;

/// <summary>
/// One finding over the seeds of one grid point: the mean and standard error (sample standard deviation / √n) of the
/// measured values. Outcomes without a number (diverged, not reached) are counted beside them, never averaged in.
/// </summary>
public sealed record SeedSummary(IReadOnlyList<double> Values, int Diverged, int NotReached)
{
    public static SeedSummary Of(IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        return new SeedSummary(
            list.Where(f => f.Outcome == FindingOutcome.Measured).Select(f => f.Value).ToArray(),
            list.Count(f => f.Outcome == FindingOutcome.Diverged),
            list.Count(f => f.Outcome == FindingOutcome.NotReached));
    }

    /// <summary>The mean of the measured values; NaN where none was measured.</summary>
    public double Mean => Values.Count == 0 ? double.NaN : Values.Average();

    /// <summary>The standard error of <see cref="Mean"/>; NaN below two measured values, where no spread can be seen.</summary>
    public double StandardError => Moments.StandardError(Values);
}
