namespace TheoryLab.Analysis.Scattering;

/// <summary>One wavelet of a <see cref="MorletFilterBank"/>: its scale j, angle index θ and Fourier transform.</summary>
/// <param name="Scale">j: the wavelet is the finest one dilated by 2^j.</param>
/// <param name="Angle">θ: its orientation index, 0 ≤ θ &lt; L.</param>
/// <param name="Fourier">Its discrete Fourier transform on the full grid (real: the filter is symmetric about the origin).</param>
public sealed record MorletWavelet(int Scale, int Angle, double[,] Fourier)
{
    /// <summary>Its Fourier transform on a grid 2^resolution times coarser (its low-frequency band).</summary>
    public double[,] AtResolution(int resolution) => FourierResampling.LowBand(Fourier, resolution);
}
