namespace TheoryLab.Data.Npy;

/// <summary>
/// One array read from a NumPy <c>.npy</c> file: its shape, its dtype as the header spells it, and its values in
/// C (row-major) order, widened to double. Every dtype the reader accepts (bool, integers of up to 32 bits,
/// float32, float64, and int64 of magnitude below 2⁵³) widens to double exactly.
/// </summary>
/// <param name="Shape">Sizes, outermost first; empty for a scalar.</param>
/// <param name="DataType">The header's <c>descr</c>, such as <c>&lt;f4</c>.</param>
/// <param name="Values">product(Shape) values (one for a scalar).</param>
public sealed record NpyArray(int[] Shape, string DataType, double[] Values)
{
    /// <summary>The value of a scalar (zero-dimensional) array.</summary>
    public double Scalar => Shape.Length == 0
        ? Values[0]
        : throw new InvalidOperationException($"the array has shape ({string.Join(", ", Shape)}), not a scalar");
}
