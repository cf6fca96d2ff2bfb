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

    /// <summary>The subdirectory downloads of <paramref name="dataset"/> go to.</summary>
    public string DirectoryFor(string dataset) => Path.Combine(Directory, dataset);
}
