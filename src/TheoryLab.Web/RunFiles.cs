namespace TheoryLab.Web;

/// <summary>
/// Which files of the runs root the page may read. A requested path is resolved against the root and must stay
/// inside it after resolution, so "..", its encodings (decoded before they get here) and absolute paths cannot
/// leave it; links are refused, since one inside the root may point anywhere; and only the kinds of file a run
/// writes for reading are served.
/// </summary>
public static class RunFiles
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".pdf"] = "application/pdf",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".bib"] = "text/plain",
    };

    /// <summary>The full path and content type of <paramref name="path"/> (relative to <paramref name="root"/>); throws a one-line refusal otherwise.</summary>
    public static (string Path, string ContentType) Resolve(string root, string? path) =>
        Resolve(root, path, Types, $"'{path}' is not a file of a run under {root}; name one that the run's page lists.");

    /// <summary>
    /// The full path and content type of <paramref name="path"/> (relative to <paramref name="root"/>), a file of one
    /// of the <paramref name="types"/> below the root and reached through no link; throws <paramref name="refusal"/> otherwise.
    /// </summary>
    internal static (string Path, string ContentType) Resolve(string root, string? path, IReadOnlyDictionary<string, string> types, string refusal)
    {
        if (string.IsNullOrEmpty(path) || Path.IsPathRooted(path) || path.Contains('\0')) throw new TheoryLabException(refusal);
        string full = Path.GetFullPath(Path.Combine(root, path));
        if (!IsInside(root, full)) throw new TheoryLabException(refusal);
        if (!types.TryGetValue(Path.GetExtension(full), out var type) || !File.Exists(full) || LinkOnTheWay(root, full)) throw new TheoryLabException(refusal);
        return (full, type);
    }

    /// <summary>Whether the full path <paramref name="full"/> lies below <paramref name="root"/>.</summary>
    public static bool IsInside(string root, string full) =>
        full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Whether the file or a directory between it and the root is a symbolic link.</summary>
    private static bool LinkOnTheWay(string root, string full)
    {
        for (var entry = full; entry.Length > root.Length; entry = Path.GetDirectoryName(entry)!)
            if (new FileInfo(entry).LinkTarget is not null) return true;
        return false;
    }

    /// <summary>The figures of a run, as paths relative to the root that <see cref="Resolve(string, string?)"/> accepts.</summary>
    public static IReadOnlyList<string> Figures(string root, string runDirectory)
    {
        string figures = Path.Combine(runDirectory, Runs.RunLayout.FiguresFolder);
        if (!Directory.Exists(figures)) return [];
        return [.. Directory.EnumerateFiles(figures, "*.png").Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(root, f))];
    }
}
