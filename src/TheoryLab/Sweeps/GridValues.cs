using System.Globalization;

namespace TheoryLab.Sweeps;

/// <summary>
/// The values of one swept option, read from the text after "name=": a list ("1,2,4"), a range with a step
/// ("1:3:0.5", its end included when a step lands on it within rounding) or a log range with a factor
/// ("1e-3:1e1:x10"). Values stay text, so the option's own parser reads them exactly as it reads <c>--set</c>.
/// </summary>
public static class GridValues
{
    /// <summary>More values than this is a typo (a step of 0.0001 for 0.1), not a sweep.</summary>
    public const int MaxValues = 10_000;

    /// <summary>How far past the end a range's last step may land and still count as the end: rounding, not a step.</summary>
    private const double EndTolerance = 1e-9;

    /// <summary>The values <paramref name="text"/> names for <paramref name="option"/>, and whether they are a log range.</summary>
    public static (IReadOnlyList<string> Values, bool Log) Parse(string option, string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length == 1) return (List(option, text), false);
        if (parts.Length != 3) throw Bad(option, text, "a range has three parts");
        double start = Number(option, text, parts[0], "start"), end = Number(option, text, parts[1], "end");
        if (end < start) throw Bad(option, text, "the end is below the start");
        string step = parts[2].Trim();
        return step.StartsWith('x') ? (LogRange(option, text, start, end, Number(option, text, step[1..], "factor")), true)
            : (Range(option, text, start, end, Number(option, text, step, "step")), false);
    }

    private static List<string> List(string option, string text)
    {
        var values = text.Split(',').Select(v => v.Trim()).ToList();
        if (values.Any(v => v.Length == 0)) throw Bad(option, text, "a list item is empty");
        if (values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } twice) throw Bad(option, text, $"{twice.Key} is listed twice");
        return values;
    }

    private static List<string> Range(string option, string text, double start, double end, double step)
    {
        if (step <= 0) throw Bad(option, text, "the step must be above 0");
        double steps = Math.Floor((end - start) / step + EndTolerance);
        return Values(option, text, steps, k => start + k * step);
    }

    private static List<string> LogRange(string option, string text, double start, double end, double factor)
    {
        if (start <= 0) throw Bad(option, text, "a log range starts above 0");
        if (factor <= 1) throw Bad(option, text, "the factor must be above 1");
        double steps = Math.Floor(Math.Log(end / start) / Math.Log(factor) + EndTolerance);
        return Values(option, text, steps, k => start * Math.Pow(factor, k));
    }

    private static List<string> Values(string option, string text, double steps, Func<int, double> value)
    {
        if (steps + 1 > MaxValues) throw Bad(option, text, $"it names {steps + 1:N0} values, more than {MaxValues:N0}");
        // Twelve significant digits drop the rounding of repeated steps (0.30000000000000004 is written 0.3).
        return Enumerable.Range(0, (int)steps + 1).Select(k => value(k).ToString("G12", CultureInfo.InvariantCulture)).ToList();
    }

    private static double Number(string option, string text, string part, string what) =>
        double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw Bad(option, text, $"its {what} '{part}' is not a number");

    private static TheoryLabException Bad(string option, string text, string why) =>
        new($"--grid {option}={text}: {why}; write a list (1,2,4), a range start:end:step (1:3:0.5) or a log range start:end:xfactor (1e-3:1e1:x10).");
}
