using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryLab.Runs;

namespace TheoryLab.Cli.Output;

/// <summary>The one JSON document <c>run --json</c> prints: experiment, run directory, findings by name.</summary>
internal static class RunJson
{
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
