using TheoryLab.Data.Npy;

namespace TheoryLab.Tests.Analysis.Scattering;

/// <summary>
/// Kymatio's stored 2-D scattering test vector, read in place from ../shared/reference/kymatio beside the folder
/// holding TheoryLab.slnx (see its README.md), never copied into the repository.
/// </summary>
public static class KymatioReference
{
    public const string FileName = "test_data_2d.npz";

    /// <summary>The file's path, or null when this checkout has no shared reference folder beside it.</summary>
    public static string? Path { get; } = Find();

    /// <summary>The arrays x (input), J, pre_pad and Sx (Kymatio's output).</summary>
    public static IReadOnlyDictionary<string, NpyArray> Read() =>
        NpzFile.Read(Path ?? throw new InvalidOperationException($"{FileName} is absent"));

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "TheoryLab.slnx"))) continue;
            string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "reference", "kymatio", FileName));
            return File.Exists(path) ? path : null;
        }
        return null;
    }
}

/// <summary>A fact that runs only where Kymatio's stored test vector is present, and says so when skipped.</summary>
public sealed class KymatioReferenceFactAttribute : FactAttribute
{
    public KymatioReferenceFactAttribute()
    {
        if (KymatioReference.Path is null)
            Skip = $"needs ../shared/reference/kymatio/{KymatioReference.FileName} beside the repository; it is absent here";
    }
}
