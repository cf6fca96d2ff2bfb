using System.Globalization;
using SkiaSharp;

namespace TheoryLab.Data;

/// <summary>
/// A user's grayscale image as a rows × cols array of doubles, read from a CSV of rows (one image row a line,
/// values separated by commas, semicolons or whitespace) or from a PNG (its luminance, 0 to 1). Any failure is a
/// <see cref="TheoryLabException"/> whose one line says what to fix.
/// </summary>
public static class GrayscaleImage
{
    public static double[,] Read(string path)
    {
        if (!File.Exists(path)) throw new TheoryLabException($"image file '{path}' does not exist; give the path of a CSV of rows or a PNG.");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => ReadPng(path),
            ".csv" or ".txt" => ReadCsv(path),
            var other => throw new TheoryLabException($"image file '{path}' has extension '{other}'; give a .csv of rows or a .png."),
        };
    }

    private static double[,] ReadCsv(string path)
    {
        var rows = new List<double[]>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var row = new double[fields.Length];
            for (int i = 0; i < fields.Length; i++)
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]) || !double.IsFinite(row[i]))
                    throw new TheoryLabException($"image file '{path}', line {line}, value {i + 1} ('{fields[i]}') is not a finite number; the CSV must hold numbers only, one image row a line.");
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new TheoryLabException($"image file '{path}', line {line} has {row.Length} values where the first row has {rows[0].Length}; every row must be equally long.");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new TheoryLabException($"image file '{path}' holds no rows; write one image row a line.");
        var image = new double[rows.Count, rows[0].Length];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < rows[r].Length; c++) image[r, c] = rows[r][c];
        return image;
    }

    private static double[,] ReadPng(string path)
    {
        using var bitmap = SKBitmap.Decode(path)
            ?? throw new TheoryLabException($"image file '{path}' could not be decoded as a PNG; check the file, or give a CSV of rows.");
        var image = new double[bitmap.Height, bitmap.Width];
        for (int r = 0; r < bitmap.Height; r++)
        {
            for (int c = 0; c < bitmap.Width; c++)
            {
                var pixel = bitmap.GetPixel(c, r);
                // Rec. 601 luma, the weights of most grayscale conversions, so a gray PNG reads back its own level.
                image[r, c] = (0.299 * pixel.Red + 0.587 * pixel.Green + 0.114 * pixel.Blue) / 255.0;
            }
        }
        return image;
    }
}
