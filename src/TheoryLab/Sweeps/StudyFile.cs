using System.Text.Json;
using System.Text.Json.Nodes;

namespace TheoryLab.Sweeps;

/// <summary>
/// study.json: a study as a JSON object, {"experiment", "grid": {option: values}, "seeds", "quick", "set": {option: value}},
/// with values written as on the command line ("1,2,4", "1:3:0.5", "1e-3:1e1:x10"). Seeds are a list, or a count N
/// for 0 to N − 1. A sweep writes the study it ran into its directory, so the file reproduces it.
/// </summary>
public static class StudyFile
{
    private static readonly string[] Keys = ["experiment", "grid", "seeds", "quick", "set"];

    public static string Write(Study study)
    {
        var grid = new JsonObject();
        foreach (var axis in study.Grid) grid[axis.Option] = axis.Text;
        var set = new JsonObject();
        foreach (var (name, value) in study.Set) set[name] = value;
        var root = new JsonObject
        {
            ["experiment"] = study.Experiment,
            ["grid"] = grid,
            ["seeds"] = new JsonArray([.. study.Seeds.Select(s => JsonValue.Create(s))]),
            ["quick"] = study.Quick,
            ["set"] = set,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Reads the study in <paramref name="path"/>; throws a one-line <see cref="TheoryLabException"/> naming what is wrong.</summary>
    public static Study Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot read the study file {path} ({e.Message}); pass a readable JSON file to --study.");
        }
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject ?? throw Bad(path, "it must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"it is not valid JSON ({e.Message})");
        }
        if (root.Select(p => p.Key).FirstOrDefault(k => !Keys.Contains(k)) is { } unknown)
            throw Bad(path, $"it has an unknown key '{unknown}'");
        string experiment = root["experiment"] is JsonValue named && named.TryGetValue(out string? id) && !string.IsNullOrEmpty(id) ? id : throw Bad(path, "\"experiment\" must name an experiment id");
        var grid = Entries(root["grid"], path, "grid").Select(p => GridAxis.Of(p.Key, p.Value)).ToList();
        if (grid.Count == 0) throw Bad(path, "\"grid\" must name at least one option and its values");
        return new Study(experiment, grid, Seeds(root["seeds"], path), Quick(root["quick"], path), [.. Entries(root["set"], path, "set")]);
    }

    private static List<KeyValuePair<string, string>> Entries(JsonNode? node, string path, string key) => node switch
    {
        null => [],
        JsonObject o => o.Select(p => KeyValuePair.Create(p.Key, Text(p.Value) ?? throw Bad(path, $"\"{key}\".{p.Key} has no value"))).ToList(),
        _ => throw Bad(path, $"\"{key}\" must be an object of option names and values"),
    };

    private static IReadOnlyList<int> Seeds(JsonNode? node, string path) => node switch
    {
        null => Study.FirstSeeds(1),
        JsonValue v when v.TryGetValue(out int count) => Study.FirstSeeds(count),
        JsonArray a when a.Count > 0 && a.All(s => s is JsonValue v && v.TryGetValue(out int _)) => a.Select(s => s!.GetValue<int>()).Distinct().ToArray(),
        _ => throw Bad(path, "\"seeds\" must be a count or a list of integer seeds"),
    };

    private static bool Quick(JsonNode? node, string path) => node switch
    {
        null => false,
        JsonValue v when v.TryGetValue(out bool quick) => quick,
        _ => throw Bad(path, "\"quick\" must be true or false"),
    };

    /// <summary>A value as the command line writes it: numbers as written, lists joined by commas.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonArray a => string.Join(",", a.Select(Text)),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(),
    };

    private static TheoryLabException Bad(string path, string why) =>
        new($"{path} is not a study file: {why}; see docs/sweeps.md for its form.");
}
