using System.Numerics;

namespace TheoryLab.Numerics;

/// <summary>
/// The discrete Fourier transform of a power-of-two length by the iterative radix-2 Cooley–Tukey algorithm, in place:
/// X_k = Σ_j x_j e^{−2πi jk/n}, and its inverse with the 1/n. A pure C# transform so that a spectral solver's
/// reference stays independent of libtorch, whose networks it is meant to check.
/// </summary>
public static class FastFourierTransform
{
    /// <summary>Replaces <paramref name="values"/> by its discrete Fourier transform.</summary>
    public static void Forward(Complex[] values) => Transform(values, -1);

    /// <summary>Replaces <paramref name="values"/> by its inverse transform (with the 1/n).</summary>
    public static void Inverse(Complex[] values)
    {
        Transform(values, 1);
        double scale = 1.0 / values.Length;
        for (int j = 0; j < values.Length; j++) values[j] *= scale;
    }

    private static void Transform(Complex[] values, int sign)
    {
        int n = values.Length;
        if (n < 1 || (n & (n - 1)) != 0) throw new ArgumentException($"the transform needs a power-of-two length, not {n}", nameof(values));
        // Bit-reversal permutation, then butterflies of doubling length.
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (values[i], values[j]) = (values[j], values[i]);
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            int half = length / 2;
            for (int k = 0; k < half; k++)
            {
                // Each twiddle from its angle directly, so rounding does not accumulate along the loop.
                var twiddle = Complex.FromPolarCoordinates(1, sign * 2 * Math.PI * k / length);
                for (int start = 0; start < n; start += length)
                {
                    var even = values[start + k];
                    var odd = values[start + k + half] * twiddle;
                    values[start + k] = even + odd;
                    values[start + k + half] = even - odd;
                }
            }
        }
    }
}
