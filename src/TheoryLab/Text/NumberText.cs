using System.Globalization;

namespace TheoryLab.Text;

/// <summary>
/// Numbers as a reader writes them in prose: "0.05", "1200", and "10⁻⁶" or "2.5·10⁻⁷" where .NET's "G" would print
/// computer notation ("1E-06") into a caption; <see cref="LatexText"/> sets the superscripts as math.
/// </summary>
public static class NumberText
{
    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary><paramref name="value"/> to <paramref name="digits"/> significant digits, scientific outside [10⁻³, 10⁵).</summary>
    public static string Short(double value, int digits = 3)
    {
        double magnitude = Math.Abs(value);
        if (magnitude == 0 || !double.IsFinite(value))
            return value.ToString(CultureInfo.InvariantCulture);
        if (magnitude >= 1e-3 && magnitude < 1e5)
        {
            // "G3" would write 1200 as 1.2E+03: round to the digits, then print without an exponent.
            double scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
            return (Math.Round(value * scale) / scale).ToString("0.##########", CultureInfo.InvariantCulture);
        }
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), digits - 1);
        if (Math.Abs(mantissa) >= 10) (mantissa, exponent) = (mantissa / 10, exponent + 1);
        string power = "10" + Superscript(exponent);
        return mantissa switch
        {
            1 => power,
            -1 => "−" + power,
            _ => mantissa.ToString("G" + digits, CultureInfo.InvariantCulture).Replace('-', '−') + "·" + power,
        };
    }

    /// <summary>A value as the user set it (up to six significant digits), in the same prose notation as <see cref="Short"/>.</summary>
    public static string Prose(double value) => Short(value, 6);

    /// <summary>"1 seed", "3 seeds": a count and its noun, plural unless one.</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Superscript(int exponent) =>
        (exponent < 0 ? "⁻" : "") + string.Concat(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).Select(d => SuperscriptDigits[d - '0']));
}
