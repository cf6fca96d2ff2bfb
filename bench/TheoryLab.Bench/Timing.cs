using System.Diagnostics;
using System.Globalization;

namespace TheoryLab.Bench;

/// <summary>Wall-clock timing of whole workloads: one warm-up (JIT, caches), then repeats summarised by their median.</summary>
public static class Timing
{
    public static IReadOnlyList<double> Repeat(Action work, int repeats)
    {
        work();
        var seconds = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            work();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return seconds;
    }

    public static string Summary(IReadOnlyList<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"median {Median(seconds):F3} s (min {sorted[0]:F3}, max {sorted[^1]:F3}, {sorted.Length} runs)");
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}" +
        (File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "");
}
