using System.IO.Compression;
using TheoryLab.Data.Npy;

namespace TheoryLab.Tests.Data.Npy;

public class NpzFileTests
{
    [Fact]
    public void Read_StoredAndDeflatedEntries_GivesEachArrayByName()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "arrays.npz");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Add(archive, "x.npy", NpyBytes.Write("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", NpyBytes.Float32(0.5f, -2)), CompressionLevel.NoCompression);
            Add(archive, "J.npy", NpyBytes.Write("{'descr': '<i8', 'fortran_order': False, 'shape': (), }", NpyBytes.Int64(3)), CompressionLevel.Optimal);
        }

        var arrays = NpzFile.Read(path);

        Assert.Equal(["J", "x"], arrays.Keys.Order());
        Assert.Equal([0.5, -2], arrays["x"].Values);
        Assert.Equal(3, arrays["J"].Scalar);
    }

    [Fact]
    public void Read_NotAZipArchive_SaysSo()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "plain.npz");
        File.WriteAllText(path, "not a zip archive");
        var e = Assert.Throws<TheoryLabException>(() => NpzFile.Read(path));
        Assert.Contains(".npz", e.Message);
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes, CompressionLevel level)
    {
        using var stream = archive.CreateEntry(name, level).Open();
        stream.Write(bytes);
    }
}
