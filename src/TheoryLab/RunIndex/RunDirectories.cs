using TheoryLab.Runs;

namespace TheoryLab.RunIndex;

/// <summary>
/// The run directories under a root of runs, &lt;root&gt;/&lt;experiment&gt;/&lt;run&gt;/run.json, each with the time its
/// run.json was last written. Listing them costs a directory listing and a stat per run, never a read, which is
/// what lets the index be checked against them on every command.
/// </summary>
public static class RunDirectories
{
    /// <summary>Each run directory (absolute) and its run.json's last write time in UTC ticks, in ordinal order of path.</summary>
    public static SortedDictionary<string, long> Under(string root)
    {
        var found = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return found;
        // Hidden entries are TheoryLab's staging directories and the index itself, never runs.
        foreach (string experiment in Visible(root))
            foreach (string run in Visible(experiment))
            {
                var record = new FileInfo(Path.Combine(run, RunLayout.RecordFile));
                if (record.Exists) found[run] = record.LastWriteTimeUtc.Ticks;
            }
        return found;
    }

    internal static IEnumerable<string> Visible(string directory) =>
        Directory.EnumerateDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(Path.GetFullPath);
}
