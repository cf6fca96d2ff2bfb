using System.Globalization;

namespace TheoryLab.Figures;

/// <summary>A major tick: where it sits (in the axis' own units) and its label, as plain text for the PNG and as LaTeX.</summary>
public sealed record Tick(double Value, string Text, string Latex);

/// <summary>
/// The ticks of an axis, chosen once for both renderers: at least three labelled ticks however narrow the range
/// (a log axis over less than a decade gets 2× and 5×, then 3× and 7×, rather than pgfplots' 10^0.2), and at most
/// seven, so that half-width axes keep their ticks and full-width ones do not crowd.
/// </summary>
public static class AxisTicks
{
    public const int Fewest = 3, Most = 7;

    /// <summary>Mantissas per decade, from sparse to dense; 1 and 3 are evenly spaced in log space.</summary>
    private static readonly double[][] LogMantissas = [[1], [1, 3], [1, 2, 5], [1, 2, 3, 5, 7]];

    /// <param name="wholeNumbers">Ticks at whole numbers only (an axis of indices), even when that gives fewer than three.</param>
    public static IReadOnlyList<Tick> For(double low, double high, bool log, bool wholeNumbers = false)
    {
        if (!(high > low)) return [];
        if (wholeNumbers && !log) return LinearTicks(low, high, smallestStep: 1) is { Count: > 0 } steps ? steps : WholeNumbersIn(low, high);
        if (log && low > 0)
        {
            var decades = LogTicks(low, high, LogMantissas[0]);
            if (decades.Count > Most) return Thin(decades);
            foreach (var mantissas in LogMantissas)
            {
                var ticks = LogTicks(low, high, mantissas);
                if (ticks.Count >= Fewest && ticks.Count <= Most) return ticks;
            }
        }
        return LinearTicks(low, high);
    }

    /// <summary>
    /// A tick at each of <paramref name="values"/> (a heatmap's few cell centres), each labelled with as few decimals as
    /// name it exactly (0.001, 0.01, 0.1, 1, 10 rather than 0.001, 0.010, ...), however few there are.
    /// </summary>
    public static IReadOnlyList<Tick> At(IReadOnlyList<double> values) =>
        values.Select(v => Label(v, Enumerable.Range(0, 7).FirstOrDefault(d => Math.Abs(Math.Round(v, d) - v) <= 1e-9 * Math.Max(1, Math.Abs(v)), 6))).ToList();

    /// <summary>A log axis' unlabelled ticks: 2× to 9× each decade that are not major ticks, when it spans six decades or fewer.</summary>
    public static IReadOnlyList<double> Minor(double low, double high, IReadOnlyList<Tick> major)
    {
        if (!(low > 0 && high > low) || Math.Log10(high / low) > 6) return [];
        var minor = new List<double>();
        for (int exponent = (int)Math.Floor(Math.Log10(low)); exponent <= (int)Math.Ceiling(Math.Log10(high)); exponent++)
            for (int m = 1; m <= 9; m++)
            {
                double v = m * Math.Pow(10, exponent);
                if (v >= low && v <= high && !major.Any(t => Math.Abs(t.Value - v) <= 1e-9 * v)) minor.Add(v);
            }
        return minor;
    }

    /// <summary>Evenly spaced round values (1, 2 or 5 times a power of ten apart), the widest step that gives three or more.</summary>
    private static List<Tick> LinearTicks(double low, double high, double smallestStep = 0)
    {
        double magnitude = Math.Pow(10, Math.Ceiling(Math.Log10(high - low)));
        foreach (double step in new[] { 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01 }.Select(f => f * magnitude).Where(s => s >= smallestStep))
        {
            var values = new List<double>();
            for (long k = (long)Math.Ceiling(low / step - 1e-9); k * step <= high + step * 1e-9; k++) values.Add(k * step);
            if (values.Count >= Fewest) return values.Select(v => Label(v, Decimals(step))).ToList();
        }
        return [];
    }

    /// <summary>Every whole number in a range too narrow for three of them (one or two layers).</summary>
    private static List<Tick> WholeNumbersIn(double low, double high)
    {
        var ticks = new List<Tick>();
        for (long k = (long)Math.Ceiling(low - 1e-9); k <= high + 1e-9; k++) ticks.Add(Label(k, 0));
        return ticks;
    }

    private static List<Tick> LogTicks(double low, double high, double[] mantissas)
    {
        var ticks = new List<Tick>();
        for (int exponent = (int)Math.Floor(Math.Log10(low)); exponent <= (int)Math.Ceiling(Math.Log10(high)); exponent++)
            foreach (double m in mantissas)
            {
                double v = m * Math.Pow(10, exponent);
                if (v >= low * (1 - 1e-9) && v <= high * (1 + 1e-9)) ticks.Add(LogLabel(m, exponent));
            }
        return ticks;
    }

    /// <summary>Every second or third decade, when a log axis spans so many that every one would crowd.</summary>
    private static List<Tick> Thin(List<Tick> decades)
    {
        int every = (decades.Count + Most - 1) / Most;
        return decades.Where((_, i) => i % every == 0).ToList();
    }

    /// <summary>Values from 0.001 to 99999 as decimals, others as powers of ten (10⁻⁵ in the PNG, $10^{-5}$ in LaTeX).</summary>
    private static Tick LogLabel(double mantissa, int exponent)
    {
        double value = mantissa * Math.Pow(10, exponent);
        if (exponent is >= -3 and <= 4) return Label(value, Math.Max(0, -exponent));
        string power = "10" + Superscript(exponent);
        string m = mantissa.ToString(CultureInfo.InvariantCulture);
        return mantissa == 1
            ? new Tick(value, power, $"$10^{{{exponent}}}$")
            : new Tick(value, $"{m}·{power}", $@"${m}\cdot 10^{{{exponent}}}$");
    }

    private static string Superscript(int exponent) =>
        string.Concat(exponent.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    private static Tick Label(double value, int decimals)
    {
        string text = value.ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0) text = text[1..];
        return new Tick(value, text.Replace('-', '−'), $"${text}$");
    }

    private static int Decimals(double step) => Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
}
