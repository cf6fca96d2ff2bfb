using TheoryLab.Tables;

namespace TheoryLab.Figures;

/// <summary>A long-form (x, y, value) table reshaped into the regular grid a heatmap needs.</summary>
internal sealed class HeatmapGrid
{
    public required double[] Xs { get; init; }
    public required double[] Ys { get; init; }

    /// <summary>Values[i, j] at (Xs[j], Ys[i]); NaN where the table has no cell.</summary>
    public required double[,] Values { get; init; }

    /// <summary>
    /// The grid of <paramref name="h"/>'s cells; a value column with no finite value is an error naming
    /// <paramref name="figure"/>, since a colour scale cannot be drawn from NaN alone.
    /// </summary>
    public static HeatmapGrid From(Table table, Heatmap h, string figure)
    {
        var x = table.Numbers(h.X);
        var y = table.Numbers(h.Y);
        var z = table.Numbers(h.Value);
        if (!z.Any(double.IsFinite))
            throw new TheoryLabException($"figure '{figure}' cannot be drawn: column '{h.Value}' of table '{table.Name}' holds no finite value " +
                "(every cell is NaN or infinite); the computation behind it produced no number.");
        var xs = x.Distinct().Order().ToArray();
        var ys = y.Distinct().Order().ToArray();
        var values = new double[ys.Length, xs.Length];
        for (int i = 0; i < ys.Length; i++)
            for (int j = 0; j < xs.Length; j++)
                values[i, j] = double.NaN;
        for (int r = 0; r < z.Count; r++)
            values[Array.BinarySearch(ys, y[r]), Array.BinarySearch(xs, x[r])] = z[r];
        return new HeatmapGrid { Xs = xs, Ys = ys, Values = values };
    }

    /// <summary>Rows from the largest y down, the order image formats store.</summary>
    public double[,] ValuesTopRowFirst()
    {
        int rows = Values.GetLength(0), cols = Values.GetLength(1);
        var flipped = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                flipped[i, j] = Values[rows - 1 - i, j];
        return flipped;
    }

    /// <summary>Edges of the first and last cells, assuming evenly spaced centres (in log10 on log axes).</summary>
    public (double Min, double Max) XExtent(bool log) => Extent(Xs, log);
    public (double Min, double Max) YExtent(bool log) => Extent(Ys, log);

    private static (double, double) Extent(double[] centres, bool log)
    {
        var c = log ? centres.Select(Math.Log10).ToArray() : centres;
        double half = c.Length > 1 ? (c[^1] - c[0]) / (c.Length - 1) / 2 : 0.5;
        return (c[0] - half, c[^1] + half);
    }
}
