using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryLab.Kernel;
using TheoryLab.Options;

namespace TheoryLab.Runs;

/// <summary>
/// findings.json: the findings of a run, by name. A value is a finite number (<see cref="Finding"/> admits no other,
/// and JSON has no NaN); a finding without one carries an "outcome" ("diverged", "not-reached") instead, never null.
/// Findings that measure the machine say so ("machineDependent": true).
/// </summary>
public static class FindingsFile
{
    public static JsonObject ToJson(IEnumerable<Finding> findings)
    {
        var result = new JsonObject();
        foreach (var f in findings)
        {
            var o = new JsonObject();
            if (f.Outcome == FindingOutcome.Measured) o["value"] = f.Value;
            else o["outcome"] = OptionValues.Kebab(f.Outcome.ToString());
            o["unit"] = f.Unit;
            o["meaning"] = f.Meaning;
            if (f.Expected is { } e) o["expected"] = e;
            if (f.ExpectedSource is { } s) o["expectedSource"] = s;
            if (f.MachineDependent) o["machineDependent"] = true;
            result[f.Name] = o;
        }
        return result;
    }

    public static string Write(IEnumerable<Finding> findings) =>
        ToJson(findings).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static IReadOnlyList<Finding> Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return root.Select(p => Parse(p.Key, p.Value!.AsObject(), path)).ToList();
    }

    private static Finding Parse(string name, JsonObject o, string path)
    {
        string unit = (string?)o["unit"] ?? "", meaning = (string?)o["meaning"] ?? "";
        bool machine = (bool?)o["machineDependent"] ?? false;
        switch ((string?)o["outcome"])
        {
            case "diverged": return Finding.Diverged(name, unit, meaning) with { MachineDependent = machine };
            case "not-reached": return Finding.NotReached(name, unit, meaning) with { MachineDependent = machine };
        }
        if (o["value"] is null)
            throw new TheoryLabException($"{path} holds finding '{name}' without a value, as versions that wrote NaN as null did; run again with --force.");
        double? expected = o["expected"] is { } e ? e.GetValue<double>() : null;
        return new Finding(name, o["value"]!.GetValue<double>(), unit, meaning, expected, (string?)o["expectedSource"]) { MachineDependent = machine };
    }

}
