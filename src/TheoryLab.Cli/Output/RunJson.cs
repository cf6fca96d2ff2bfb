using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryLab.Kernel;
using TheoryLab.Runs;

namespace TheoryLab.Cli.Output;

/// <summary>The one JSON document <c>run --json</c> prints: experiment, run directory, findings by name; with <c>--dry-run</c>, the cost instead.</summary>
internal static class RunJson
{
    public static string WriteCost(string experiment, string runId, string runDirectory, CostEstimate cost)
    {
        var doc = new JsonObject
        {
            ["experiment"] = experiment,
            ["runId"] = runId,
            ["runDir"] = runDirectory,
            ["cost"] = new JsonObject
            {
                ["units"] = cost.Units,
                ["unitName"] = cost.UnitName,
                ["estimatedSeconds"] = cost.Estimated.TotalSeconds,
                ["text"] = cost.ToString(),
            },
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static string Write(RunOutcome outcome)
    {
        var doc = new JsonObject
        {
            ["experiment"] = outcome.Record.Experiment,
            ["runId"] = outcome.Record.RunId,
            ["runDir"] = outcome.Directory,
            ["reused"] = outcome.Reused,
            ["wallSeconds"] = outcome.Record.WallSeconds,
            ["findings"] = FindingsFile.ToJson(outcome.Findings),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
