using TheoryLab.Kernel;
using TheoryLab.Runs;

namespace TheoryLab.RunIndex;

/// <summary>A run as its directory holds it: run.json, and findings.json where the run completed.</summary>
public sealed record IndexedRun(string Directory, RunRecord Record, IReadOnlyList<Finding> Findings)
{
    /// <summary>The run in <paramref name="directory"/>; null where its run.json is missing or unreadable.</summary>
    public static IndexedRun? Read(string directory)
    {
        if (RunRecord.TryRead(directory) is not { } record) return null;
        string findings = Path.Combine(directory, RunLayout.FindingsFile);
        return new IndexedRun(directory, record, File.Exists(findings) ? ReadFindings(findings) : []);
    }

    private static IReadOnlyList<Finding> ReadFindings(string path)
    {
        try
        {
            return FindingsFile.Read(path);
        }
        catch (Exception e) when (e is TheoryLabException or System.Text.Json.JsonException)
        {
            // One unreadable findings.json (written by an old version) should not hide the other runs; its run.json still lists it.
            return [];
        }
    }

    /// <summary>Whether an option holds its default: run.json lists the others under nonDefaultOptions.</summary>
    public bool IsDefault(string option) => !Record.NonDefaultOptions.ContainsKey(option);
}
