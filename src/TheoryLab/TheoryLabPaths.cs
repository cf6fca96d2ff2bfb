namespace TheoryLab;

/// <summary>Where TheoryLab keeps files that outlive a run: caches for data and patched native libraries.</summary>
public static class TheoryLabPaths
{
    /// <summary>Environment variable that moves the whole cache.</summary>
    public const string CacheVariable = "THEORYLAB_CACHE";

    /// <summary><c>$THEORYLAB_CACHE</c>, else <c>$XDG_CACHE_HOME/theorylab</c>, else <c>~/.cache/theorylab</c>.</summary>
    public static string CacheRoot
    {
        get
        {
            string? explicitRoot = Environment.GetEnvironmentVariable(CacheVariable);
            if (!string.IsNullOrWhiteSpace(explicitRoot)) return explicitRoot;
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "theorylab");
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home) ? Path.Combine(Path.GetTempPath(), "theorylab") : Path.Combine(home, ".cache", "theorylab");
        }
    }
}
