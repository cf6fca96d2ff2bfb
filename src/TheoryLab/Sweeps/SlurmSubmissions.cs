using System.Text.Json;
using System.Text.Json.Nodes;

namespace TheoryLab.Sweeps;

/// <summary>One sbatch submission of a sweep: its job id, its script, and the run directories of each array task.</summary>
public sealed record SlurmSubmission(string JobId, string Script, DateTimeOffset Submitted, IReadOnlyList<IReadOnlyList<string>> Tasks)
{
    /// <summary>The array task that runs <paramref name="runDirectory"/>, or null where this submission does not.</summary>
    public int? TaskOf(string runDirectory)
    {
        for (int k = 0; k < Tasks.Count; k++)
            if (Tasks[k].Contains(runDirectory)) return k;
        return null;
    }
}

/// <summary>
/// slurm/jobs.json in a sweep's directory: every submission of the sweep, oldest first, so that <c>sweep status</c>
/// can ask Slurm about the jobs and say which task runs which run.
/// </summary>
public static class SlurmSubmissions
{
    public const string Folder = "slurm";
    private const string FileName = "jobs.json";

    public static string FolderOf(string sweepDirectory) => Path.Combine(sweepDirectory, Folder);

    public static IReadOnlyList<SlurmSubmission> Read(string sweepDirectory)
    {
        string path = Path.Combine(FolderOf(sweepDirectory), FileName);
        if (!File.Exists(path)) return [];
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonArray ?? throw new JsonException("it does not hold a list");
            return root.Select(node => new SlurmSubmission(
                (string)node!["job"]!,
                (string)node["script"]!,
                DateTimeOffset.Parse((string)node["submitted"]!, System.Globalization.CultureInfo.InvariantCulture),
                node["tasks"]!.AsArray().Select(t => (IReadOnlyList<string>)t!.AsArray().Select(r => (string)r!).ToList()).ToList())).ToList();
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new TheoryLabException($"{path} is not a list of Slurm submissions ({e.Message}); it is TheoryLab's own record, so move it aside and check the jobs with squeue.", e);
        }
    }

    /// <summary>Adds <paramref name="submission"/> to the record, rewritten whole and moved into place.</summary>
    public static void Append(string sweepDirectory, SlurmSubmission submission)
    {
        var list = new JsonArray();
        foreach (var s in Read(sweepDirectory).Append(submission))
            list.Add(new JsonObject
            {
                ["job"] = s.JobId,
                ["script"] = s.Script,
                ["submitted"] = s.Submitted.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["tasks"] = new JsonArray([.. s.Tasks.Select(t => (JsonNode)new JsonArray([.. t.Select(r => JsonValue.Create(r))]))]),
            });
        AtomicFile.WriteAllText(Path.Combine(FolderOf(sweepDirectory), FileName), list.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
