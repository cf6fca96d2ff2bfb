namespace TheoryLab.Data.Idx;

/// <summary>
/// The contents of one IDX file of unsigned bytes: its dimensions as the header gives them and the values
/// in row-major order.
/// </summary>
/// <param name="Path">The file it was read from, for messages.</param>
/// <param name="Dimensions">Sizes from the header, outermost first ([count, rows, columns] for images).</param>
/// <param name="Values">product(Dimensions) bytes.</param>
public sealed record IdxArray(string Path, int[] Dimensions, byte[] Values)
{
    /// <summary>The IDX magic number of a one-dimensional unsigned-byte file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The IDX magic number of a three-dimensional unsigned-byte file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The first dimension: the number of items.</summary>
    public int Count => Dimensions[0];
}
