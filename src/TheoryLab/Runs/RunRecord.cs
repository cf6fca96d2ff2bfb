using System.Text.Json;

namespace TheoryLab.Runs;

/// <summary>run.json: what was run, with what, where, when, and how it ended.</summary>
public sealed record RunRecord
{
    public required string Experiment { get; init; }
    public required string RunId { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyDictionary<string, string> Options { get; init; }
    public required IReadOnlyDictionary<string, string> NonDefaultOptions { get; init; }

    /// <summary>
    /// The options the experiment's quick profile sets apart from the paper's, with the quick values, so that a
    /// report can tell TheoryLab's reductions from the user's own changes; null in run.json files older than it.
    /// </summary>
    public IReadOnlyDictionary<string, string>? QuickReductions { get; init; }

    public required int Seed { get; init; }
    public required string Device { get; init; }
    public required IReadOnlyList<string> Papers { get; init; }
    public required Provenance Provenance { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Finished { get; init; }
    public double? WallSeconds { get; init; }

    /// <summary>"running", "completed" or "failed".</summary>
    public required string Status { get; init; }
    public string? Error { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, RunsJson.Default.RunRecord);

    /// <summary>Reads run.json; null when the file is missing or unreadable (an unfinished or foreign directory).</summary>
    public static RunRecord? TryRead(string runDirectory)
    {
        string path = Path.Combine(runDirectory, RunLayout.RecordFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), RunsJson.Default.RunRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

