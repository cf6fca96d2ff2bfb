using System.Numerics;

namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// Kymatio's Gabor and Morlet filters in space, sampled on a periodic rows × cols grid. The Gaussian envelope
/// exp(−uᵀCu) has C = R diag(1, slant²) Rᵀ / (2σ²), R the rotation by θ, so the filter is longer across its
/// oscillation than along it when slant &lt; 1. Each filter is periodised by summing 5 × 5 copies of the grid,
/// as Kymatio does, and divided by 2·3.1415·σ²/slant.
/// </summary>
internal static class MorletSpatial
{
    /// <summary>
    /// Kymatio writes π as 3.1415 in this normalisation. Its coefficients carry the factor π/3.1415 ≈ 1 + 3·10⁻⁵
    /// once per filter, which is larger than the 10⁻⁵ agreement its stored output is checked to, so it is kept.
    /// </summary>
    private const double KymatioPi = 3.1415;

    private const int PeriodCopies = 2; // copies −2…2 of the grid in each direction

    /// <summary>g(u) = exp(−uᵀCu + i ξ (cos θ, sin θ)·u) / (2·3.1415·σ²/slant), periodised; u = (row, col).</summary>
    public static Complex[,] Gabor(int rows, int cols, double sigma, double theta, double xi, double slant)
    {
        double cos = Math.Cos(theta), sin = Math.Sin(theta), width = 2 * sigma * sigma, slant2 = slant * slant;
        double cRowRow = (cos * cos + slant2 * sin * sin) / width;
        double cRowCol = 2 * cos * sin * (1 - slant2) / width; // both off-diagonal entries together
        double cColCol = (sin * sin + slant2 * cos * cos) / width;
        double norm = 2 * KymatioPi * sigma * sigma / slant;

        var filter = new Complex[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                Complex sum = Complex.Zero;
                for (int er = -PeriodCopies; er <= PeriodCopies; er++)
                {
                    double u = r + er * rows;
                    for (int ec = -PeriodCopies; ec <= PeriodCopies; ec++)
                    {
                        double v = c + ec * cols;
                        double envelope = -(cRowRow * u * u + cRowCol * u * v + cColCol * v * v);
                        sum += Complex.Exp(new Complex(envelope, xi * (cos * u + sin * v)));
                    }
                }
                filter[r, c] = sum / norm;
            }
        }
        return filter;
    }

    /// <summary>
    /// The Gabor minus K times its envelope, K = Σg / Σ envelope, so the filter sums to zero on the grid: its
    /// Fourier transform vanishes at zero frequency, and constant images give zero wavelet coefficients.
    /// </summary>
    public static Complex[,] Morlet(int rows, int cols, double sigma, double theta, double xi, double slant)
    {
        var wave = Gabor(rows, cols, sigma, theta, xi, slant);
        var envelope = Gabor(rows, cols, sigma, theta, 0, slant);
        Complex waveSum = Complex.Zero, envelopeSum = Complex.Zero;
        foreach (var value in wave) waveSum += value;
        foreach (var value in envelope) envelopeSum += value;
        var k = waveSum / envelopeSum;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) wave[r, c] -= k * envelope[r, c];
        return wave;
    }
}
