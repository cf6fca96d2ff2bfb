using System.Buffers.Binary;
using System.IO.Compression;

namespace TheoryLab.Data.Idx;

/// <summary>
/// Reads IDX files (LeCun's format for MNIST and the datasets that copied it), gzip-compressed or raw:
/// compression is recognised by its magic bytes, not by the file name.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>
    /// Reads <paramref name="path"/>, checking that its magic number is <paramref name="expectedMagic"/>
    /// (<see cref="IdxArray.LabelsMagic"/> or <see cref="IdxArray.ImagesMagic"/>) and that it holds exactly
    /// as many values as its header says. Any fault throws a <see cref="TheoryLabException"/> naming the
    /// file and ending with <paramref name="remedy"/> (how to get a good copy).
    /// </summary>
    public static IdxArray Read(string path, int expectedMagic, string remedy)
    {
        byte[] bytes = Decompressed(path, remedy);
        if (bytes.Length < 4)
            throw Fault(path, $"it is {bytes.Length} bytes long, too short for an IDX header", remedy);

        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
            throw Fault(path, $"its magic number is 0x{magic:X8}, not 0x{expectedMagic:X8} ({Describe(expectedMagic)})", remedy);
        if (bytes[2] != UnsignedByteType)
            throw Fault(path, $"its values have IDX type 0x{bytes[2]:X2}; only unsigned bytes (0x08) are read", remedy);

        int rank = bytes[3];
        int headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw Fault(path, $"it ends inside its header ({bytes.Length} bytes, the header needs {headerLength})", remedy);

        var dimensions = new int[rank];
        long expectedValues = 1;
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimensions[d] <= 0)
                throw Fault(path, $"its header gives dimension {d} as {dimensions[d]}", remedy);
            expectedValues *= dimensions[d];
        }

        long actualValues = bytes.Length - headerLength;
        if (actualValues != expectedValues)
        {
            string shape = string.Join(" × ", dimensions);
            string how = actualValues < expectedValues ? "it is truncated" : "it is longer than its header says";
            throw Fault(path, $"{how}: the header promises {shape} = {expectedValues} values but {actualValues} follow", remedy);
        }
        return new(path, dimensions, bytes[headerLength..]);
    }

    private static byte[] Decompressed(string path, string remedy)
    {
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fault(path, e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : $"it cannot be read ({e.Message})", remedy, e);
        }
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Fault(path, $"it is not a valid gzip file ({e.Message})", remedy, e);
        }
    }

    private static string Describe(int magic) => magic switch
    {
        IdxArray.LabelsMagic => "a labels file",
        IdxArray.ImagesMagic => "an images file",
        _ => "IDX",
    };

    private static TheoryLabException Fault(string path, string what, string remedy, Exception? inner = null) =>
        new($"{path} is not a usable IDX file: {what}. {remedy}", inner);
}
