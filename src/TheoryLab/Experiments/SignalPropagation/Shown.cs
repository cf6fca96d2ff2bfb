using System.Globalization;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>How this topic's presentations write a Monte Carlo statistic and draw its standard error.</summary>
internal static class Shown
{
    /// <summary>Four significant digits; "∞" where the value diverges, "undefined" where it has none (NaN).</summary>
    public static string Short(double x) => double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : x > 0 ? "∞" : "undefined";

    /// <summary>A standard error as an error bar: none (0) where it is NaN, as for a statistic of one network.</summary>
    public static double ErrorBar(double error) => double.IsNaN(error) ? 0 : error;
}
