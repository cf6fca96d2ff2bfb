using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryLab.Experiments;

namespace TheoryLab.Runs;

/// <summary>findings.json: the findings of a run, by name.</summary>
public static class FindingsFile
{
    public static JsonObject ToJson(IEnumerable<Finding> findings)
    {
        var result = new JsonObject();
        foreach (var f in findings)
        {
            var o = new JsonObject { ["value"] = Number(f.Value), ["unit"] = f.Unit, ["meaning"] = f.Meaning };
            if (f.Expected is { } e) o["expected"] = Number(e);
            if (f.ExpectedSource is { } s) o["expectedSource"] = s;
            result[f.Name] = o;
        }
        return result;
    }

    public static string Write(IEnumerable<Finding> findings) =>
        ToJson(findings).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static IReadOnlyList<Finding> Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return root.Select(p =>
        {
            var o = p.Value!.AsObject();
            return new Finding(p.Key, Value(o["value"]), (string?)o["unit"] ?? "", (string?)o["meaning"] ?? "",
                o["expected"] is null ? null : Value(o["expected"]), (string?)o["expectedSource"]);
        }).ToList();
    }

    /// <summary>JSON has no NaN or infinity: those become null.</summary>
    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static double Value(JsonNode? node) => node is null ? double.NaN : node.GetValue<double>();
}
