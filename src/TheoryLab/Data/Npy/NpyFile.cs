using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace TheoryLab.Data.Npy;

/// <summary>
/// Reads NumPy's <c>.npy</c> format (versions 1 to 3): the magic string, a version, a little-endian header
/// length, a Python dict literal giving <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, then the raw
/// values. Only C-order arrays of plain numeric or bool dtypes are read; anything else is refused with a
/// message rather than misread.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the <c>.npy</c> file at <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"Cannot read {path}: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the bytes of a <c>.npy</c> file; <paramref name="source"/> names it in messages.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw Fault(source, "it does not start with the .npy magic string \\x93NUMPY");
        int major = bytes[6];
        int headerStart, headerLength;
        switch (major)
        {
            case 1:
                headerStart = 10;
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
                break;
            case 2 or 3 when bytes.Length >= 12:
                headerStart = 12;
                headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
                break;
            default:
                throw Fault(source, $"its format version {major}.{bytes[7]} is not one this reader knows (1 to 3)");
        }
        if (bytes.Length < headerStart + headerLength)
            throw Fault(source, "it ends inside its header");

        // Version 3 allows UTF-8 in the header; the keys and values read here are ASCII in every version.
        string header = Encoding.UTF8.GetString(bytes.Slice(headerStart, headerLength));
        string dataType = HeaderValue(DescrPattern(), header, "descr", source);
        if (HeaderValue(FortranPattern(), header, "fortran_order", source) == "True")
            throw Fault(source, "its values are in Fortran (column-major) order; only C order is read");
        int[] shape = ParseShape(HeaderValue(ShapePattern(), header, "shape", source), source);

        var element = NpyElement.Of(dataType) ?? throw Fault(source, $"its dtype '{dataType}' is not one this reader knows");
        long count = 1;
        foreach (int size in shape) count *= size;
        var data = bytes[(headerStart + headerLength)..];
        if (data.Length != count * element.Size)
        {
            string how = data.Length < count * element.Size ? "it is truncated" : "it is longer than its header says";
            throw Fault(source, $"{how}: shape ({string.Join(", ", shape)}) of {dataType} needs {count * element.Size} bytes but {data.Length} follow the header");
        }
        var values = new double[count];
        for (int i = 0; i < values.Length; i++) values[i] = element.Read(data.Slice(i * element.Size, element.Size), source);
        return new(shape, dataType, values);
    }

    private static string HeaderValue(Regex pattern, string header, string key, string source)
    {
        var match = pattern.Match(header);
        return match.Success ? match.Groups[1].Value : throw Fault(source, $"its header has no '{key}' entry: {header.Trim()}");
    }

    private static int[] ParseShape(string text, string source)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new int[parts.Length];
        for (int d = 0; d < parts.Length; d++)
        {
            if (!int.TryParse(parts[d], out shape[d]) || shape[d] < 0)
                throw Fault(source, $"its shape ({text}) is not a tuple of sizes");
        }
        return shape;
    }

    internal static TheoryLabException Fault(string source, string problem) =>
        new($"Cannot read {source} as a NumPy array: {problem}.");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
