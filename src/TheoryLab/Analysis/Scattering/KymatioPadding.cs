using static TorchSharp.torch;

namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// Kymatio's border handling. Before the transform each axis is reflect-padded (mirrored about the edge sample,
/// which is not repeated, as numpy.pad's 'reflect' does) to the next multiple of 2^J beyond size + 2^J; the
/// transform treats the padded image as periodic. After it, one coefficient is cut from each edge of the
/// 2^J-times-coarser output, leaving about size / 2^J coefficients per axis that see mostly the image itself.
/// </summary>
public static class KymatioPadding
{
    /// <summary>Kymatio's padded length of an axis of <paramref name="size"/> samples for 2^<paramref name="scales"/> subsampling.</summary>
    public static int PaddedSize(int size, int scales)
    {
        int step = 1 << scales;
        return ((size + step) / step + 1) * step;
    }

    /// <summary>Samples added before the first one; the rest (one more when the total is odd) go after the last.</summary>
    public static int PaddingBefore(int size, int scales) => (PaddedSize(size, scales) - size) / 2;

    /// <summary>
    /// The sample of an axis of <paramref name="size"/> samples that padded position <paramref name="index"/>
    /// (counted from the first original sample, so negative before it) mirrors. Mirroring repeats with period
    /// 2(size − 1), so paddings longer than the axis keep reflecting, as numpy's do.
    /// </summary>
    public static int MirroredIndex(int index, int size)
    {
        if (size == 1) return 0;
        int period = 2 * (size - 1);
        int phase = ((index % period) + period) % period;
        return phase < size ? phase : period - phase;
    }

    /// <summary>Reflect-pads the last two axes of <paramref name="images"/> to Kymatio's padded sizes.</summary>
    public static Tensor Pad(Tensor images, int scales)
    {
        int rank = (int)images.dim();
        using var rowIndex = MirrorIndices((int)images.shape[rank - 2], scales);
        using var colIndex = MirrorIndices((int)images.shape[rank - 1], scales);
        using var rowsPadded = images.index_select(rank - 2, rowIndex);
        return rowsPadded.index_select(rank - 1, colIndex);
    }

    /// <summary>Cuts one coefficient from each edge of the last two axes.</summary>
    public static Tensor Unpad(Tensor coefficients)
    {
        int rank = (int)coefficients.dim();
        long rows = coefficients.shape[rank - 2], cols = coefficients.shape[rank - 1];
        using var rowsCut = coefficients.narrow(rank - 2, 1, rows - 2);
        return rowsCut.narrow(rank - 1, 1, cols - 2);
    }

    private static Tensor MirrorIndices(int size, int scales)
    {
        int before = PaddingBefore(size, scales);
        var indices = new long[PaddedSize(size, scales)];
        for (int i = 0; i < indices.Length; i++) indices[i] = MirroredIndex(i - before, size);
        return tensor(indices);
    }
}
