namespace TheoryLab.Data;

/// <summary>
/// Where datasets live: <c>--data-dir</c>, else <c>$THEORYLAB_DATA</c>, else the user's cache directory.
/// A directory a user already holds (of IDX files, say) is read as it is; files that are missing are
/// downloaded into <c>Directory/&lt;dataset&gt;/</c> unless <see cref="Downloads"/> is off.
/// </summary>
public sealed record DataStore(string Directory)
{
    public const string Variable = "THEORYLAB_DATA";

    /// <summary>Whether missing published files may be downloaded (off: a missing file is an error at once).</summary>
    public bool Downloads { get; init; } = true;

    public static DataStore Default
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(Variable);
            return new(string.IsNullOrWhiteSpace(fromEnvironment) ? Path.Combine(TheoryLabPaths.CacheRoot, "data") : fromEnvironment);
        }
    }

    /// <summary>The store for a <c>--data-dir</c> value: that directory, or <see cref="Default"/> when none was given.</summary>
    public static DataStore FromOption(string? dataDirectory) =>
        string.IsNullOrWhiteSpace(dataDirectory) ? Default : new(dataDirectory);

    /// <summary>Refuses a data directory that is a file, which every look-up and download in it would trip over.</summary>
    public void RequireDirectory()
    {
        if (File.Exists(Directory))
            throw new TheoryLabException($"the data directory {Path.GetFullPath(Directory)} is a file; pass --data-dir DIR (or set {Variable}) naming a directory that holds the datasets or may receive their downloads.");
    }

    /// <summary>The subdirectory downloads of <paramref name="dataset"/> go to.</summary>
    public string DirectoryFor(string dataset) => Path.Combine(Directory, dataset);
}
