using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TheoryLab.Kernel;

namespace TheoryLab.Tests.Conformance;

/// <summary>
/// One finding as a reference file stores it. The value and the expected value must agree within
/// <see cref="Tolerance"/> (absolute; 0, the default, means bit for bit); a machine-dependent finding is stored by
/// name only and not compared.
/// </summary>
public sealed record ReferenceFinding
{
    public required string Name { get; init; }

    /// <summary>Absent for a finding with no value (diverged, not reached) and for one that measures the machine.</summary>
    public double? Value { get; init; }

    public double? Expected { get; init; }

    /// <summary>"diverged" or "not reached" for a finding with no value; absent for a measured one.</summary>
    public string? Outcome { get; init; }

    public bool MachineDependent { get; init; }

    /// <summary>The largest |value − reference| accepted; written by hand into the file, kept when it is regenerated.</summary>
    public double Tolerance { get; init; }

    public static ReferenceFinding Of(Finding finding, double tolerance) => new()
    {
        Name = finding.Name,
        Value = finding.MachineDependent || finding.WhyNoValue is not null ? null : finding.Value,
        Expected = finding.MachineDependent ? null : finding.Expected,
        Outcome = finding.WhyNoValue,
        MachineDependent = finding.MachineDependent,
        Tolerance = tolerance,
    };
}

/// <summary>
/// An experiment's quick findings at seed 0 as stored in tests/reference/&lt;id&gt;.quick.json, so that any change in
/// a number, however small, is seen and either fixed or regenerated on purpose.
/// </summary>
public sealed record ReferenceFindings(string Experiment, int Seed, IReadOnlyList<ReferenceFinding> Findings)
{
    /// <summary>Set to 1 to rewrite the references from this build's quick runs, printing what changed.</summary>
    public const string UpdateVariable = "THEORYLAB_UPDATE_REFERENCES";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static string PathOf(string id) => Repository.PathOf(Path.Combine("tests", "reference", $"{id}.quick.json"));

    public static ReferenceFindings? Read(string id) =>
        File.Exists(PathOf(id)) ? JsonSerializer.Deserialize<ReferenceFindings>(File.ReadAllText(PathOf(id)), Json) : null;

    /// <summary>The reference for <paramref name="findings"/>, keeping the tolerances <paramref name="previous"/> set by hand.</summary>
    public static ReferenceFindings Of(string id, int seed, IEnumerable<Finding> findings, ReferenceFindings? previous)
    {
        var tolerances = previous?.Findings.ToDictionary(f => f.Name, f => f.Tolerance) ?? [];
        return new(id, seed, findings.Select(f => ReferenceFinding.Of(f, tolerances.GetValueOrDefault(f.Name))).ToList());
    }

    public void Write() => File.WriteAllText(PathOf(Experiment), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>
    /// Where <paramref name="actual"/> departs from this reference, one line each: findings added or removed, an outcome
    /// or marking changed, a value or expected value moved by more than its tolerance. Empty when they agree.
    /// </summary>
    public List<string> Differences(ReferenceFindings actual)
    {
        var lines = new List<string>();
        if (actual.Seed != Seed) lines.Add($"seed {actual.Seed}, reference {Seed}");
        var mine = Findings.ToDictionary(f => f.Name);
        var theirs = actual.Findings.ToDictionary(f => f.Name);
        lines.AddRange(mine.Keys.Except(theirs.Keys).Select(name => $"{name}: in the reference, no longer found"));
        lines.AddRange(theirs.Keys.Except(mine.Keys).Select(name => $"{name}: new, not in the reference"));
        foreach (var name in mine.Keys.Intersect(theirs.Keys))
        {
            ReferenceFinding was = mine[name], now = theirs[name];
            if ((was.Outcome, was.MachineDependent) != (now.Outcome, now.MachineDependent))
                lines.Add($"{name}: {Describe(now)}, reference {Describe(was)}");
            else if (!was.MachineDependent)
            {
                if (!Agree(was.Value, now.Value, was.Tolerance)) lines.Add($"{name}: {Moved(was.Value, now.Value, was.Tolerance)}");
                if (!Agree(was.Expected, now.Expected, was.Tolerance)) lines.Add($"{name} expected: {Moved(was.Expected, now.Expected, was.Tolerance)}");
            }
        }
        return lines;
    }

    /// <summary>Equal bit for bit when the tolerance is 0, otherwise within it; both absent agree too.</summary>
    private static bool Agree(double? reference, double? value, double tolerance) => (reference, value) switch
    {
        (null, null) => true,
        ({ } r, { } v) => tolerance == 0 ? BitConverter.DoubleToInt64Bits(r) == BitConverter.DoubleToInt64Bits(v) : Math.Abs(v - r) <= tolerance,
        _ => false,
    };

    private static string Moved(double? reference, double? value, double tolerance)
    {
        string delta = reference is { } r && value is { } v ? $", Δ = {Format(v - r)}" : "";
        return $"{Format(value)}, reference {Format(reference)}{delta}, tolerance {(tolerance == 0 ? "0 (bitwise)" : Format(tolerance))}";
    }

    private static string Describe(ReferenceFinding f) => f.MachineDependent ? "machine-dependent" : f.Outcome ?? "measured";

    private static string Format(double? x) => x is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "absent";
}
