using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// The 2-D Morlet scattering transform of orders 0 to 2 (Mallat 2012; Bruna &amp; Mallat 2013) with Kymatio's
/// conventions, so its coefficients match Kymatio's one for one: reflect padding (<see cref="KymatioPadding"/>),
/// Kymatio's filter bank (<see cref="MorletFilterBank"/>), products in Fourier, subsampling by periodising
/// spectra, the complex modulus, and the border cut. All arithmetic is float64 through libtorch's FFT.
/// </summary>
/// <remarks>
/// Each wavelet modulus is computed 2^j times coarser than the input, with the filters of the next layer cut to
/// that grid's band; the coefficients are 2^J times coarser still. Channels follow <see cref="ScatteringPath.All"/>.
/// Memory peaks at the order-2 step from the finest scale: batch × L² × (padded rows × cols) complex values.
/// </remarks>
public sealed class Scattering2D : IDisposable
{
    private readonly Tensor[] _lowPass;    // by resolution: φ̂ on the grid 2^res times coarser than the padded one
    private readonly Tensor[][] _wavelets; // by scale j, then resolution: the L wavelets' transforms, stacked

    public Scattering2D(int scales, int angles, int maxOrder, int rows, int cols)
    {
        if (maxOrder is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(maxOrder), maxOrder, "the transform has orders 1 or 2");
        if (scales < 1) throw new ArgumentOutOfRangeException(nameof(scales), scales, "need J ≥ 1");
        if (rows < 1 << scales || cols < 1 << scales)
            throw new ArgumentException($"a {rows} × {cols} image is smaller than 2^J = {1 << scales} on a side");
        TorchRuntime.EnsureLoaded();
        Scales = scales;
        Angles = angles;
        MaxOrder = maxOrder;
        Rows = rows;
        Cols = cols;
        Filters = new MorletFilterBank(KymatioPadding.PaddedSize(rows, scales), KymatioPadding.PaddedSize(cols, scales), scales, angles);
        Paths = ScatteringPath.All(scales, angles, maxOrder);

        _lowPass = [.. Enumerable.Range(0, scales).Select(res => AsTensor(Filters.LowPassAtResolution(res)))];
        // Wavelets of scale j are used at full resolution (order 1) and on the grids of the first-order scales
        // j1 < j (order 2): resolutions 0 to max(j − 1, 0).
        _wavelets = [.. Enumerable.Range(0, scales).Select(j => Enumerable.Range(0, Math.Max(j, 1))
            .Select(res => Stacked(Enumerable.Range(0, angles).Select(theta => Filters.Wavelet(j, theta).AtResolution(res))))
            .ToArray())];
    }

    /// <summary>J: the coefficients are 2^J times coarser than the image and average over about 2^J pixels.</summary>
    public int Scales { get; }

    /// <summary>L: the number of wavelet orientations.</summary>
    public int Angles { get; }

    public int MaxOrder { get; }

    /// <summary>The image height the transform was built for.</summary>
    public int Rows { get; }

    /// <summary>The image width the transform was built for.</summary>
    public int Cols { get; }

    public MorletFilterBank Filters { get; }

    /// <summary>The path of each output channel.</summary>
    public IReadOnlyList<ScatteringPath> Paths { get; }

    /// <summary>Coefficient rows per channel: the padded height / 2^J, less the two cut at the border.</summary>
    public int OutputRows => Filters.Rows / (1 << Scales) - 2;

    /// <summary>Coefficient columns per channel.</summary>
    public int OutputCols => Filters.Cols / (1 << Scales) - 2;

    /// <summary>
    /// The scattering coefficients of <paramref name="images"/> (shape (…, Rows, Cols), any float dtype) as a
    /// float64 tensor of shape (…, channels, OutputRows, OutputCols).
    /// </summary>
    public Tensor Transform(Tensor images)
    {
        int rank = (int)images.dim();
        if (rank < 2 || images.shape[rank - 2] != Rows || images.shape[rank - 1] != Cols)
            throw new ArgumentException($"expected images of shape (…, {Rows}, {Cols}), got ({string.Join(", ", images.shape)})", nameof(images));
        using var scope = NewDisposeScope();
        var padded = KymatioPadding.Pad(images.to_type(ScalarType.Float64), Scales);
        return KymatioPadding.Unpad(TransformPeriodic(padded)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The transform of images already on the padded grid, treated as periodic, before the border cut: shape
    /// (…, padded rows, padded cols) to (…, channels, padded rows / 2^J, padded cols / 2^J).
    /// </summary>
    internal Tensor TransformPeriodic(Tensor padded)
    {
        int rank = (int)padded.dim();
        if (rank < 2 || padded.shape[rank - 2] != Filters.Rows || padded.shape[rank - 1] != Filters.Cols)
            throw new ArgumentException($"expected padded images of shape (…, {Filters.Rows}, {Filters.Cols}), got ({string.Join(", ", padded.shape)})", nameof(padded));
        long[] batchShape = padded.shape[..(rank - 2)];
        using var scope = NewDisposeScope();
        var spectrum = fft.fft2(padded.to_type(ScalarType.Float64).reshape(-1, Filters.Rows, Filters.Cols));
        var channels = new List<Tensor> { LowPassed(spectrum, 0).unsqueeze(1) };
        var secondOrder = new List<Tensor>();
        for (int j1 = 0; j1 < Scales; j1++)
        {
            // |x ⋆ ψ_{j1,θ}| for every θ at once, on the grid 2^j1 times coarser: (batch, L, rows, cols).
            var modulus = ModulusSpectrum(spectrum.unsqueeze(1) * _wavelets[j1][0], 1 << j1);
            channels.Add(LowPassed(modulus, j1));
            if (MaxOrder < 2 || j1 == Scales - 1) continue;
            var fromJ1 = new List<Tensor>();
            for (int j2 = j1 + 1; j2 < Scales; j2++)
            {
                // (batch, L for θ1, L for θ2, rows, cols)
                var second = ModulusSpectrum(modulus.unsqueeze(2) * _wavelets[j2][j1], 1 << (j2 - j1));
                fromJ1.Add(LowPassed(second, j2));
            }
            // Kymatio's order: for each (j1, θ1), every later (j2, θ2).
            var joined = cat(fromJ1, 2);
            secondOrder.Add(joined.reshape(joined.shape[0], -1, joined.shape[^2], joined.shape[^1]));
        }
        channels.AddRange(secondOrder);
        var coefficients = cat(channels, 1);
        return coefficients.reshape([.. batchShape, .. coefficients.shape[1..]]).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var filter in _lowPass) filter.Dispose();
        foreach (var filter in _wavelets.SelectMany(byResolution => byResolution)) filter.Dispose();
    }

    /// <summary>The spectrum of |ifft(product subsampled by factor)|: the modulus on the coarser grid.</summary>
    private static Tensor ModulusSpectrum(Tensor product, int factor) =>
        fft.fft2(fft.ifft2(FourierResampling.Subsample(product, factor)).abs());

    /// <summary>The real signal ⋆ φ_J, from a spectrum 2^resolution times coarser than the padded grid, subsampled to 2^J.</summary>
    private Tensor LowPassed(Tensor spectrum, int resolution) =>
        fft.ifft2(FourierResampling.Subsample(spectrum * _lowPass[resolution], 1 << (Scales - resolution))).real;

    private static Tensor AsTensor(double[,] filter)
    {
        var values = new double[filter.Length];
        Buffer.BlockCopy(filter, 0, values, 0, filter.Length * sizeof(double));
        return tensor(values, [filter.GetLength(0), filter.GetLength(1)]);
    }

    private static Tensor Stacked(IEnumerable<double[,]> filters)
    {
        using var scope = NewDisposeScope();
        return stack(filters.Select(AsTensor)).MoveToOuterDisposeScope();
    }
}
