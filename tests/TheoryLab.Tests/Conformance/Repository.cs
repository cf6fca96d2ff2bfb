namespace TheoryLab.Tests.Conformance;

/// <summary>The checkout the tests were built from: the folder holding TheoryLab.slnx, above the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the checkout's root, written with forward slashes.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TheoryLab.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no TheoryLab.slnx above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
