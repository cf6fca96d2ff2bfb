using TheoryLab.Tables;

namespace TheoryLab.Figures;

/// <summary>
/// Equal images laid out in rows on one sheet, a gap of background pixels between them, read out as the cells a
/// <see cref="Heatmap"/> draws: a figure of many small images (decoder columns, samples, a latent manifold) is one heatmap.
/// </summary>
public sealed class ImageSheet
{
    private readonly double[,] shades;

    /// <param name="rows">Images down the sheet.</param>
    /// <param name="columns">Images across it.</param>
    /// <param name="height">Pixel rows of one image.</param>
    /// <param name="width">Pixel columns of one image.</param>
    /// <param name="image">The pixels of the image at (row, column), row-major; null leaves its place as background.</param>
    /// <param name="gap">Background pixels between neighbouring images.</param>
    /// <param name="background">The shade of the gaps and of empty places.</param>
    public ImageSheet(int rows, int columns, int height, int width, Func<int, int, IReadOnlyList<double>?> image, int gap = 2, double background = 0)
    {
        if (rows < 1 || columns < 1 || height < 1 || width < 1 || gap < 0)
            throw new ArgumentException($"a sheet of {rows} × {columns} images of {height} × {width} pixels with a gap of {gap}");
        ImageHeight = height;
        ImageWidth = width;
        Gap = gap;
        Width = columns * (width + gap) - gap;
        Height = rows * (height + gap) - gap;
        shades = new double[Height, Width];
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++) shades[y, x] = background;
        for (int row = 0; row < rows; row++)
            for (int column = 0; column < columns; column++)
            {
                if (image(row, column) is not { } pixels) continue;
                if (pixels.Count != height * width) throw new ArgumentException($"image ({row}, {column}) has {pixels.Count} pixels, not {height} × {width}");
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++) shades[row * (height + gap) + y, column * (width + gap) + x] = pixels[y * width + x];
            }
    }

    public int ImageHeight { get; }
    public int ImageWidth { get; }
    public int Gap { get; }

    /// <summary>Pixels across the whole sheet.</summary>
    public int Width { get; }

    /// <summary>Pixels down the whole sheet.</summary>
    public int Height { get; }

    /// <summary>
    /// Every pixel as a cell (x, y, shade), the sheet's top row first and left to right, with y counted up from the
    /// bottom row so that the heatmap shows the images upright.
    /// </summary>
    public IEnumerable<(int X, int Y, double Shade)> Cells()
    {
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++) yield return (x, Height - 1 - y, shades[y, x]);
    }

    /// <summary>The <see cref="Cells"/> as a long-form table a <see cref="Heatmap"/> draws.</summary>
    public Table ToTable(string name, Column x, Column y, Column shade)
    {
        var cells = Cells().ToList();
        return new Table(name).Add(x, cells.Select(c => (double)c.X)).Add(y, cells.Select(c => (double)c.Y)).Add(shade, cells.Select(c => c.Shade));
    }

    /// <summary>The figure aspect at which a heatmap of the sheet draws its pixels square (<see cref="SquareCellAspect"/>).</summary>
    public double SquarePixelAspect(FigureWidth width = FigureWidth.Full) => SquareCellAspect(Height, Width, width);

    /// <summary>
    /// The figure aspect (height over width) at which a heatmap of <paramref name="rows"/> × <paramref name="columns"/>
    /// cells draws them square, as measured on the house renderer: at full width (5.5 in) the axes take 0.70 of the
    /// width and the labels 0.12 of it in height; at half width (2.7 in) 0.38 and 0.34, the colour bar and labels
    /// taking a larger share. Heights are capped at 2.4 in, so a tall sheet is drawn narrower than square.
    /// </summary>
    public static double SquareCellAspect(int rows, int columns, FigureWidth width = FigureWidth.Full)
    {
        double ratio = (double)rows / columns;
        return width == FigureWidth.Full ? 0.70 * ratio + 0.12 : 0.38 * ratio + 0.34;
    }
}
