using TheoryLab.Kernel;
using TheoryLab.Text;

namespace TheoryLab.RunIndex;

/// <summary>One option or finding of two runs side by side; null where a run lacks it.</summary>
public sealed record ComparedValue(string Name, string? A, string? B)
{
    public bool Differs => A != B;
}

/// <summary>Two runs' options (all of them, defaults included) and findings side by side.</summary>
public sealed record RunComparison(IReadOnlyList<ComparedValue> Options, IReadOnlyList<ComparedValue> Findings)
{
    public static RunComparison Of(IndexedRun a, IndexedRun b)
    {
        var options = a.Record.Options.Keys.Union(b.Record.Options.Keys).Order(StringComparer.Ordinal)
            .Select(name => new ComparedValue(name, a.Record.Options.GetValueOrDefault(name), b.Record.Options.GetValueOrDefault(name)));
        var findingsOfA = a.Findings.ToDictionary(f => f.Name);
        var findingsOfB = b.Findings.ToDictionary(f => f.Name);
        var findings = a.Findings.Select(f => f.Name).Union(b.Findings.Select(f => f.Name))
            .Select(name => new ComparedValue(name, Text(findingsOfA.GetValueOrDefault(name)), Text(findingsOfB.GetValueOrDefault(name))));
        return new RunComparison(options.ToList(), findings.ToList());
    }

    /// <summary>A finding as shown, to six significant digits, so that it differs where a reader would see it differ.</summary>
    public static string? Text(Finding? finding) => finding switch
    {
        null => null,
        // Unit "1" marks a pure number, which reads better bare.
        { Outcome: FindingOutcome.Measured } f => f.Unit is "1" or "" ? NumberText.Prose(f.Value) : $"{NumberText.Prose(f.Value)} {f.Unit}",
        var f => f.WhyNoValue,
    };
}
