namespace TheoryLab.Experiments;

/// <summary>
/// What a run will cost before it starts: how many units of work (trainings, network evaluations, grid
/// points) and, from a short calibration, about how long.
/// </summary>
public sealed record CostEstimate(long Units, string UnitName, TimeSpan Estimated)
{
    public static CostEstimate Negligible { get; } = new(1, "computation", TimeSpan.FromSeconds(1));

    /// <summary>Units × the measured seconds per unit.</summary>
    public static CostEstimate FromCalibration(long units, string unitName, double secondsPerUnit, double fixedSeconds = 0) =>
        new(units, unitName, TimeSpan.FromSeconds(fixedSeconds + units * secondsPerUnit));

    public override string ToString() => $"{Units:N0} {UnitName}, about {Humanize(Estimated)}";

    public static string Humanize(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => "under a second",
        < 90 => $"{t.TotalSeconds:F0} s",
        < 5400 => $"{t.TotalMinutes:F0} min",
        _ => $"{t.TotalHours:F1} h",
    };
}
