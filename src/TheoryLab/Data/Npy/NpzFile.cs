using System.IO.Compression;

namespace TheoryLab.Data.Npy;

/// <summary>
/// Reads NumPy's <c>.npz</c> format: a zip archive (stored or deflated) holding one <c>NAME.npy</c> entry per
/// array, as <c>numpy.savez</c> and <c>numpy.savez_compressed</c> write it.
/// </summary>
public static class NpzFile
{
    /// <summary>The arrays in the archive at <paramref name="path"/>, by name (the entry name less ".npy").</summary>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                using var stream = entry.Open();
                using var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                arrays[entry.FullName[..^4]] = NpyFile.Parse(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), $"{path}:{entry.FullName}");
            }
            return arrays;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new TheoryLabException($"Cannot read {path} as a NumPy .npz archive: {e.Message}", e);
        }
    }
}
