using System.IO.Compression;

namespace TheoryLab.Tests.Data.Idx;

/// <summary>Small IDX files written by hand, so every byte of the format is under the test's control.</summary>
public static class IdxTestFiles
{
    public static byte[] Header(int magic, params int[] dimensions)
    {
        var bytes = new List<byte>();
        foreach (int value in new[] { magic }.Concat(dimensions))
            bytes.AddRange([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return [.. bytes];
    }

    /// <summary>An images file of <paramref name="count"/> images of side <paramref name="side"/>; pixel k of image i is (i + k) mod 256.</summary>
    public static byte[] Images(int count, int side = 28) =>
        [.. Header(0x00000803, count, side, side), .. Enumerable.Range(0, count).SelectMany(i => Enumerable.Range(0, side * side).Select(k => (byte)((i + k) % 256)))];

    /// <summary>A labels file whose label i is i mod 10.</summary>
    public static byte[] Labels(int count) => [.. Header(0x00000801, count), .. Enumerable.Range(0, count).Select(i => (byte)(i % 10))];

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(raw);
        return output.ToArray();
    }
}
