using System.Buffers.Binary;
using System.Text;

namespace TheoryLab.Tests.Data.Npy;

/// <summary>Writes .npy bytes by hand, following NumPy's format description, so the reader is tested without NumPy.</summary>
internal static class NpyBytes
{
    public static byte[] Write(string header, byte[] data, int major = 1)
    {
        int prefix = major == 1 ? 10 : 12;
        // NumPy pads the header with spaces and a newline so the data start on a 64-byte boundary.
        int padded = (prefix + header.Length + 1 + 63) / 64 * 64 - prefix;
        string text = header.PadRight(padded - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add((byte)major);
        bytes.Add(0);
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
        bytes.AddRange(length);
        bytes.AddRange(Encoding.ASCII.GetBytes(text));
        bytes.AddRange(data);
        return [.. bytes];
    }

    public static byte[] Float32(params float[] values)
    {
        var data = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
        return data;
    }

    public static byte[] Int64(params long[] values)
    {
        var data = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8 * i), values[i]);
        return data;
    }
}
