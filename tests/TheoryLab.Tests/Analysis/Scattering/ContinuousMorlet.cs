using TheoryLab.Analysis.Scattering;

namespace TheoryLab.Tests.Analysis.Scattering;

/// <summary>
/// Kymatio's filters in closed form, computed without any FFT. The Fourier transform over the plane of
/// exp(−uᵀCu + iξ·u), C = R diag(1, s²) Rᵀ / (2σ²), is (2πσ²/s) exp(−(σ²/2)(a² + b²/s²)) with (a, b) = Rᵀω − (ξ, 0);
/// Kymatio divides by 2·3.1415·σ²/s, which leaves the factor π/3.1415. Sampling on the integers and
/// periodising on the grid turn it, by Poisson summation, into the sum of its copies shifted by 2π in each axis.
/// </summary>
internal static class ContinuousMorlet
{
    private const double KymatioNorm = Math.PI / 3.1415;
    private const int AliasCopies = 3; // copies −3…3: a width-0.8 Gaussian 5π away from the grid is below 1e-30

    /// <summary>The Gabor's transform on the plane at frequency (ωr, ωc).</summary>
    public static double Gabor(double wr, double wc, double sigma, double theta, double xi, double slant)
    {
        double a = Math.Cos(theta) * wr + Math.Sin(theta) * wc - xi;
        double b = -Math.Sin(theta) * wr + Math.Cos(theta) * wc;
        return KymatioNorm * Math.Exp(-sigma * sigma / 2 * (a * a + b * b / (slant * slant)));
    }

    /// <summary>The Morlet's transform on the plane, with the continuous zero-mean correction K = ĝ(0) / envelope(0).</summary>
    public static double Morlet(double wr, double wc, double sigma, double theta, double xi, double slant) =>
        Gabor(wr, wc, sigma, theta, xi, slant) - Math.Exp(-sigma * sigma * xi * xi / 2) * Gabor(wr, wc, sigma, theta, 0, slant);

    /// <summary>The Gabor's discrete transform on the grid: its 2π-periodised closed form.</summary>
    public static double AliasedGabor(double wr, double wc, double sigma, double theta, double xi, double slant)
    {
        double sum = 0;
        for (int n = -AliasCopies; n <= AliasCopies; n++)
            for (int m = -AliasCopies; m <= AliasCopies; m++)
                sum += Gabor(wr + 2 * Math.PI * n, wc + 2 * Math.PI * m, sigma, theta, xi, slant);
        return sum;
    }

    /// <summary>
    /// The Morlet's discrete transform on the grid, with Kymatio's discrete correction: K is the ratio of the sums
    /// of the sampled Gabor and envelope, which are their discrete transforms at ω = 0.
    /// </summary>
    public static double AliasedMorlet(double wr, double wc, double sigma, double theta, double xi, double slant)
    {
        double k = AliasedGabor(0, 0, sigma, theta, xi, slant) / AliasedGabor(0, 0, sigma, theta, 0, slant);
        return AliasedGabor(wr, wc, sigma, theta, xi, slant) - k * AliasedGabor(wr, wc, sigma, theta, 0, slant);
    }

    /// <summary>Wavelet (j, θ) of an L-angle bank on the plane: the finest one dilated by 2^j.</summary>
    public static double Wavelet(double wr, double wc, int scale, int angle, int angles) =>
        Morlet(wr, wc, MorletFilterBank.WaveletWidth(scale), MorletFilterBank.WaveletAngle(angle, angles),
            MorletFilterBank.WaveletFrequency(scale), MorletFilterBank.WaveletSlant(angles));
}
