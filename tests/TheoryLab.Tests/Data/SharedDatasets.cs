namespace TheoryLab.Tests.Data;

/// <summary>
/// The real datasets shared beside the repository (../shared/datasets from the folder holding TheoryLab.slnx),
/// read in place, never copied into the repository.
/// </summary>
public static class SharedDatasets
{
    /// <summary>The shared datasets directory, or null when this checkout has none beside it.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>A path under the shared datasets directory, or null when it is absent.</summary>
    public static string? PathOf(string relative)
    {
        if (Root is null) return null;
        string path = Path.Combine(Root, relative);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "TheoryLab.slnx"))) continue;
            string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
            return Directory.Exists(shared) ? shared : null;
        }
        return null;
    }
}

/// <summary>A fact that runs only where the shared dataset file or folder it names is present, and says so when skipped.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative)
    {
        if (SharedDatasets.PathOf(relative) is null)
            Skip = $"needs ../shared/datasets/{relative} beside the repository (see docs/data.md); it is absent here";
    }
}

/// <summary>A theory that runs only where the shared dataset file or folder it names is present, and says so when skipped.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string relative)
    {
        if (SharedDatasets.PathOf(relative) is null)
            Skip = $"needs ../shared/datasets/{relative} beside the repository (see docs/data.md); it is absent here";
    }
}
