using TheoryLab.Runs;

namespace TheoryLab.RunIndex;

/// <summary>Something under a root of runs that TheoryLab wrote and no longer needs, and why.</summary>
public sealed record Garbage(string Path, string Why);

/// <summary>
/// What <c>theorylab runs gc</c> removes: staging directories whose process is gone, and failed runs whose
/// directory holds only the run.json that says so. Only what TheoryLab wrote qualifies, so a user's file is
/// never removed: a failed run's directory with anything else in it is left whole, and so is anything unmarked.
/// </summary>
public static class RunGarbage
{
    public static IReadOnlyList<Garbage> Under(string root)
    {
        var found = new List<Garbage>();
        if (!Directory.Exists(root)) return found;
        foreach (string experiment in RunDirectories.Visible(Path.GetFullPath(root)))
        {
            found.AddRange(Staging.Abandoned(experiment).Select(s => new Garbage(s, "staging left by a process that is gone")));
            foreach (string run in RunDirectories.Visible(experiment))
                if (RunRecord.TryRead(run) is { Status: "failed" } failed && OnlyItsRecord(run))
                    found.Add(new Garbage(run, "failed: " + (failed.Error ?? "no error recorded")));
        }
        return found;
    }

    /// <summary>Removes <paramref name="garbage"/>; a failed run's directory goes only while it still holds nothing but its run.json.</summary>
    public static void Remove(Garbage garbage)
    {
        if (Path.GetFileName(garbage.Path).StartsWith('.'))
        {
            Staging.Delete(garbage.Path);
            return;
        }
        if (!OnlyItsRecord(garbage.Path)) return;
        File.Delete(Path.Combine(garbage.Path, RunLayout.RecordFile));
        // Not recursive: a file put there since it was listed keeps the directory, and the file, where they are.
        Directory.Delete(garbage.Path);
    }

    private static bool OnlyItsRecord(string run) =>
        Directory.EnumerateFileSystemEntries(run).Select(Path.GetFileName).SequenceEqual([RunLayout.RecordFile]);
}
