namespace TheoryLab.Data;

/// <summary>
/// Where datasets live: <c>--data-dir</c>, else <c>$THEORYLAB_DATA</c>, else the user's cache directory.
/// A directory a user already holds (of IDX files, say) is read as it is.
/// </summary>
public sealed record DataStore(string Directory)
{
    public const string Variable = "THEORYLAB_DATA";

    public static DataStore Default
    {
        get
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(Variable);
            return new(string.IsNullOrWhiteSpace(fromEnvironment) ? Path.Combine(TheoryLabPaths.CacheRoot, "data") : fromEnvironment);
        }
    }
}
