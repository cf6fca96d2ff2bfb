using System.Numerics;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// Kymatio's 2-D Morlet filter bank in Fourier, computed in double: J·L wavelets and one Gaussian low-pass on a
/// periodic rows × cols grid. Wavelet (j, θ) has envelope width σ = 0.8·2^j, frequency ξ = (3π/4)/2^j, slant 4/L
/// and angle (t − θ)·π/L, where t = L/2 − 1 truncated toward zero (Kymatio's int(L − L/2 − 1)); the low-pass is
/// the unmodulated, round Gabor of width 0.8·2^(J−1). Filters are built in space (<see cref="MorletSpatial"/>)
/// and transformed by FFT. The transforms are real, because each filter is Hermitian about the origin
/// (g(−u) = conj g(u)), up to the far tails of the periodising copies, which lie below rounding.
/// </summary>
public sealed class MorletFilterBank
{
    public MorletFilterBank(int rows, int cols, int scales, int angles)
    {
        if (scales < 1) throw new ArgumentOutOfRangeException(nameof(scales), scales, "need at least one scale");
        if (angles < 1) throw new ArgumentOutOfRangeException(nameof(angles), angles, "need at least one angle");
        Rows = rows;
        Cols = cols;
        Scales = scales;
        Angles = angles;
        var wavelets = new List<MorletWavelet>(scales * angles);
        for (int j = 0; j < scales; j++)
        {
            for (int theta = 0; theta < angles; theta++)
            {
                var spatial = MorletSpatial.Morlet(rows, cols, WaveletWidth(j), WaveletAngle(theta, angles), WaveletFrequency(j), WaveletSlant(angles));
                wavelets.Add(new(j, theta, RealFourier(spatial)));
            }
        }
        Wavelets = wavelets;
        LowPass = RealFourier(MorletSpatial.Gabor(rows, cols, LowPassWidth(scales), 0, 0, 1));
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>J: the number of octaves; the low-pass averages over about 2^J samples.</summary>
    public int Scales { get; }

    /// <summary>L: the number of orientations, spread over [0, π).</summary>
    public int Angles { get; }

    /// <summary>The J·L wavelets, ordered by scale, then angle.</summary>
    public IReadOnlyList<MorletWavelet> Wavelets { get; }

    /// <summary>φ̂: the low-pass filter's discrete Fourier transform on the full grid.</summary>
    public double[,] LowPass { get; }

    /// <summary>φ̂ on a grid 2^resolution times coarser (its low-frequency band).</summary>
    public double[,] LowPassAtResolution(int resolution) => FourierResampling.LowBand(LowPass, resolution);

    /// <summary>The wavelet of scale j and angle index θ.</summary>
    public MorletWavelet Wavelet(int scale, int angle) => Wavelets[scale * Angles + angle];

    public static double WaveletWidth(int scale) => 0.8 * Math.Pow(2, scale);

    public static double WaveletFrequency(int scale) => 0.75 * Math.PI / Math.Pow(2, scale);

    public static double WaveletAngle(int angle, int angles) => ((int)(angles - angles / 2.0 - 1) - angle) * Math.PI / angles;

    public static double WaveletSlant(int angles) => 4.0 / angles;

    public static double LowPassWidth(int scales) => 0.8 * Math.Pow(2, scales - 1);

    private static double[,] RealFourier(Complex[,] spatial)
    {
        TorchRuntime.EnsureLoaded();
        int rows = spatial.GetLength(0), cols = spatial.GetLength(1);
        var real = new double[rows * cols];
        var imaginary = new double[rows * cols];
        int i = 0;
        foreach (var value in spatial)
        {
            real[i] = value.Real;
            imaginary[i++] = value.Imaginary;
        }
        using var scope = NewDisposeScope();
        var signal = complex(tensor(real, [rows, cols]), tensor(imaginary, [rows, cols]));
        // The imaginary part of the transform is zero up to rounding, as Kymatio notes and drops.
        var transform = fft.fft2(signal).real.contiguous().data<double>().ToArray();
        var result = new double[rows, cols];
        Buffer.BlockCopy(transform, 0, result, 0, transform.Length * sizeof(double));
        return result;
    }
}
