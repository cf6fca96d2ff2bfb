using System.Buffers.Binary;

namespace TheoryLab.Data.Npy;

/// <summary>How one value of a <c>.npy</c> dtype is stored: its size in bytes and how it widens to double.</summary>
internal sealed class NpyElement
{
    private const long ExactIntegerLimit = 1L << 53; // beyond it not every integer is a double

    private readonly Func<ReadOnlySpan<byte>, double> _read;
    private readonly bool _mayExceedDouble;

    private NpyElement(int size, Func<ReadOnlySpan<byte>, double> read, bool mayExceedDouble = false)
    {
        Size = size;
        _read = read;
        _mayExceedDouble = mayExceedDouble;
    }

    public int Size { get; }

    public double Read(ReadOnlySpan<byte> bytes, string source)
    {
        if (_mayExceedDouble)
        {
            // Checked on the integer itself: its conversion to double may already have rounded it to 2⁵³.
            long integer = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            if (integer > ExactIntegerLimit || integer < -ExactIntegerLimit)
                throw NpyFile.Fault(source, $"it holds the integer {integer}, which a double cannot hold exactly");
        }
        return _read(bytes);
    }

    /// <summary>The element for a little-endian (or byte-order-free) descr such as '&lt;f4' or '|b1'; null for others.</summary>
    public static NpyElement? Of(string descr)
    {
        if (descr.Length < 3 || descr[0] is not ('<' or '|' or '=')) return null;
        if (descr[0] == '=' && !BitConverter.IsLittleEndian) return null;
        return descr[1..] switch
        {
            "b1" => new(1, b => b[0] != 0 ? 1 : 0),
            "u1" => new(1, b => b[0]),
            "i1" => new(1, b => (sbyte)b[0]),
            "i2" => new(2, b => BinaryPrimitives.ReadInt16LittleEndian(b)),
            "u2" => new(2, b => BinaryPrimitives.ReadUInt16LittleEndian(b)),
            "i4" => new(4, b => BinaryPrimitives.ReadInt32LittleEndian(b)),
            "u4" => new(4, b => BinaryPrimitives.ReadUInt32LittleEndian(b)),
            "i8" => new(8, b => BinaryPrimitives.ReadInt64LittleEndian(b), mayExceedDouble: true),
            "f4" => new(4, b => BinaryPrimitives.ReadSingleLittleEndian(b)),
            "f8" => new(8, b => BinaryPrimitives.ReadDoubleLittleEndian(b)),
            _ => null,
        };
    }
}
