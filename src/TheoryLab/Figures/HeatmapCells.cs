using SkiaSharp;
using SP = ScottPlot;

namespace TheoryLab.Figures;

/// <summary>
/// A heatmap's cells as a PNG, one block of pixels per cell, for pgfplots to place with <c>\addplot graphics</c>:
/// a 121 × 121 grid written as coordinates makes a picture TeX can neither read (its lines) nor afford (its memory).
/// </summary>
internal static class HeatmapCells
{
    /// <summary>Pixels along the longer side at least, so viewers that smooth a scaled image blur only the cells' edges.</summary>
    private const int MinimumPixels = 600;

    /// <summary>Samples of the colour map that pgfplots interpolates between; the PNG uses the same map.</summary>
    private const int ColourMapSamples = 16;

    public static SP.IColormap Colormap { get; } = new SP.Colormaps.Viridis();

    /// <summary>The range of the colour scale: the finite values' extremes, widened where they coincide.</summary>
    public static (double Low, double High) Range(HeatmapGrid grid)
    {
        var finite = grid.Values.Cast<double>().Where(double.IsFinite).ToList();
        if (finite.Count == 0) return (0, 1);
        double low = finite.Min(), high = finite.Max();
        return high > low ? (low, high) : (low - 0.5, high + 0.5);
    }

    /// <summary>The cells, top row first as images store them; cells without a value are transparent.</summary>
    public static byte[] Png(HeatmapGrid grid)
    {
        var values = grid.ValuesTopRowFirst();
        int rows = values.GetLength(0), cols = values.GetLength(1);
        int block = Math.Max(1, (int)Math.Ceiling(MinimumPixels / (double)Math.Max(rows, cols)));
        var (low, high) = Range(grid);
        using var bitmap = new SKBitmap(cols * block, rows * block, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                var colour = double.IsFinite(values[i, j]) ? ToSkia(Colormap.GetColor((values[i, j] - low) / (high - low))) : SKColors.Transparent;
                for (int di = 0; di < block; di++)
                    for (int dj = 0; dj < block; dj++)
                        bitmap.SetPixel(j * block + dj, i * block + di, colour);
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The same colour map for pgfplots' colour bar: <c>colormap={name}{rgb255=(…) …}</c>, one sample a line.</summary>
    public static string PgfColormap(string name)
    {
        var samples = Enumerable.Range(0, ColourMapSamples).Select(k => Colormap.GetColor(k / (double)(ColourMapSamples - 1)))
            .Select(c => $"    rgb255=({c.R},{c.G},{c.B})");
        return $"colormap={{{name}}}{{\n{string.Join("\n", samples)}\n  }}";
    }

    private static SKColor ToSkia(SP.Color c) => new(c.R, c.G, c.B, c.A);
}
