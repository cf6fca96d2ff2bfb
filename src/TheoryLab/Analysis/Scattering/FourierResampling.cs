using static TorchSharp.torch;

namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// Changes of resolution done in Fourier, as Kymatio does them: filters are carried to a coarser grid by keeping
/// their low-frequency band, and signals are subsampled by periodising their spectrum.
/// </summary>
internal static class FourierResampling
{
    /// <summary>
    /// A filter's Fourier transform for a grid 2^resolution times coarser, by Kymatio's rule: zero the frequencies
    /// in the middle band of each axis (those beyond the coarse grid's Nyquist frequency), then fold the rest with
    /// the coarse period. On grids divisible by 2^(resolution+1), every coarse frequency receives exactly one kept
    /// value: the result is the filter's low-frequency band, with no aliasing.
    /// </summary>
    public static double[,] LowBand(double[,] fourier, int resolution)
    {
        int rows = fourier.GetLength(0), cols = fourier.GetLength(1);
        int factor = 1 << resolution;
        if (rows % factor != 0 || cols % factor != 0)
            throw new ArgumentException($"a {rows} × {cols} grid cannot be made {factor} times coarser", nameof(resolution));
        bool[] keepRow = KeptFrequencies(rows, resolution), keepCol = KeptFrequencies(cols, resolution);
        int coarseRows = rows / factor, coarseCols = cols / factor;
        var band = new double[coarseRows, coarseCols];
        for (int r = 0; r < rows; r++)
        {
            if (!keepRow[r]) continue;
            for (int c = 0; c < cols; c++)
                if (keepCol[c]) band[r % coarseRows, c % coarseCols] += fourier[r, c];
        }
        return band;
    }

    /// <summary>
    /// The spectrum of the signal subsampled by <paramref name="factor"/> along the last two axes (every factor-th
    /// sample, starting at 0): the mean of the factor × factor shifted copies of the spectrum on the coarse grid.
    /// </summary>
    public static Tensor Subsample(Tensor spectrum, int factor)
    {
        if (factor == 1) return spectrum;
        long[] shape = spectrum.shape;
        int rank = shape.Length;
        long rows = shape[rank - 2], cols = shape[rank - 1];
        long[] split = [.. shape[..(rank - 2)], factor, rows / factor, factor, cols / factor];
        return spectrum.reshape(split).mean([rank - 2, rank], keepdim: false);
    }

    private static bool[] KeptFrequencies(int size, int resolution)
    {
        // Kymatio's mask, with its truncations: indices [start, start + length) are dropped.
        int start = (int)(size * Math.Pow(2, -resolution - 1));
        int length = (int)(size * (1 - Math.Pow(2, -resolution)));
        var keep = new bool[size];
        for (int i = 0; i < size; i++) keep[i] = i < start || i >= start + length;
        return keep;
    }
}
