namespace TheoryLab.Runs;

/// <summary>
/// The run directory a user named, as the absolute path TheoryLab will write: forms that cannot name a run
/// directory, and places that cannot be written, are refused before any work is done rather than after it.
/// </summary>
public static class RunPath
{
    public static string Resolve(string requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
            throw new TheoryLabException("the run directory is an empty path; name one with --out DIR, or leave --out out for runs/<experiment>/<run-id>.");
        string full;
        try
        {
            // A trailing separator, as tab completion writes it, names the same directory.
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(requested));
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException)
        {
            throw new TheoryLabException($"'{requested}' cannot name a run directory ({e.Message}); name one with --out DIR.", e);
        }
        if (Path.GetDirectoryName(full) is null)
            throw new TheoryLabException($"{full} is the root of the file system; give the run a directory of its own with --out DIR.");
        if (File.Exists(full))
            throw new TheoryLabException($"{full} is a file; name a directory for the run with --out DIR.");
        return full;
    }

    /// <summary>
    /// Refuses <paramref name="runDirectory"/> when its nearest existing ancestor is a file or cannot be written,
    /// by creating and removing an empty hidden directory there.
    /// </summary>
    public static void RequireWritable(string runDirectory)
    {
        string place = Path.GetDirectoryName(runDirectory)!;
        while (!Directory.Exists(place))
        {
            if (File.Exists(place)) throw Unwritable(runDirectory, $"{place} is a file");
            place = Path.GetDirectoryName(place)!;
        }
        string probe = Path.Combine(place, $".theorylab-write-test-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The system's own words name the probe, which the user never asked for; the place is what matters.
            throw Unwritable(runDirectory, $"{place} is not writable");
        }
    }

    private static TheoryLabException Unwritable(string runDirectory, string why) =>
        new($"cannot write the run directory {runDirectory} ({why}); choose a writable place with --out DIR.");
}
