using TheoryLab.Analysis.Scattering;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Torch;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Scattering;

/// <summary>
/// Energy facts that hold exactly for Kymatio's discretisation (see <see cref="ScatteringEnergyBound"/>): they are
/// checked on images on the padded periodic grid, averaged over all 2^J × 2^J circular shifts, before the border cut.
/// </summary>
public class ScatteringEnergyTests(ITestOutputHelper output)
{
    // J = 3 keeps the 2^J × 2^J = 64 shifts quick; a 32 × 32 image pads to 48 × 48 there.
    private const int Scales = 3, Angles = 8, Size = 32;
    private static readonly int Grid = KymatioPadding.PaddedSize(Size, Scales);

    // Each image's 64 transforms are shared by the facts checked on it.
    private static readonly Lazy<Measurement> OfNoise = new(() => Measure(bank => Noise(seed: 20)));
    private static readonly Lazy<Measurement> OfPeakCosine = new(() => Measure(PeakCosine));

    [Fact]
    public void ConstantImage_HasOnlyOrderZero_TheConstantTimesTheLowPassGain()
    {
        // ψ̂(0) = 0 exactly by the Morlet correction, so every wavelet coefficient of a constant is zero, and the
        // low-pass passes it with gain φ̂(0) = π/3.1415 (Kymatio's π), up to aliases near 1e-88.
        using var scattering = new Scattering2D(Scales, Angles, 2, Size, Size);
        using var level = 2.5.ToScalar();
        using var image = full(1, Size, Size, level, dtype: ScalarType.Float64);
        using var coefficients = scattering.Transform(image);
        var values = coefficients.contiguous().data<double>().ToArray();
        int perChannel = scattering.OutputRows * scattering.OutputCols;
        double gain = scattering.Filters.LowPass[0, 0];
        Assert.Equal(Math.PI / 3.1415, gain, 14);
        foreach (double value in values[..perChannel]) Assert.Equal(2.5 * gain, value, 13);
        Assert.All(values[perChannel..], value => Assert.True(Math.Abs(value) < 1e-13, $"wavelet coefficient {value:E2}"));
    }

    [Fact]
    public void ShiftAveragedOrderZeroEnergy_EqualsTheLowPassedImagesEnergy()
    {
        var noise = OfNoise.Value;
        Assert.Equal(1, noise.Energies[0] / noise.LowPassedEnergy, 12);
    }

    [Theory]
    [InlineData("noise")]
    [InlineData("peak cosine")]
    public void ShiftAveragedEnergy_UpToEachOrder_StaysWithinTheLittlewoodPaleyBound(string input)
    {
        var measured = input == "noise" ? OfNoise.Value : OfPeakCosine.Value;
        for (int order = 0; order <= 2; order++)
        {
            double kept = measured.UpToOrder(order), bound = measured.Bound.UpToOrder(order);
            output.WriteLine($"{input}: orders ≤ {order} keep {kept:F4} of ‖x‖²; bound {bound:F4}");
            // Relative slack for float64 rounding only.
            Assert.True(kept <= bound * (1 + 1e-12), $"orders ≤ {order}: {kept:F6} > {bound:F6}");
        }
    }

    [Fact]
    public void ShiftAveragedEnergy_OfThePeakCosine_ExceedsTheImagesOwn_SoTheTransformIsNotAContraction()
    {
        // The first layer's Littlewood–Paley sum exceeds 1 at this frequency, and each wavelet sees mostly one of the
        // cosine's two complex exponentials, whose modulus is a constant that the low-pass keeps whole: the excess
        // reaches the coefficients.
        var cosine = OfPeakCosine.Value;
        output.WriteLine($"orders 0–2 keep {cosine.UpToOrder(2):F4} of ‖x‖²; first-layer peak {cosine.Bound.FirstLayer:F4}");
        Assert.True(cosine.Bound.FirstLayer > 1);
        Assert.True(cosine.UpToOrder(2) > 1);
    }

    /// <summary>Shift-averaged 4^J Σ‖S‖² per order and ‖x ⋆ φ‖², per unit ‖x‖² where noted, with the bank's bound.</summary>
    private sealed record Measurement(double[] Energies, double SquaredNorm, double LowPassedEnergy, ScatteringEnergyBound Bound)
    {
        public double UpToOrder(int order) => Energies[..(order + 1)].Sum() / SquaredNorm;
    }

    private static Measurement Measure(Func<MorletFilterBank, double[]> image)
    {
        using var scattering = new Scattering2D(Scales, Angles, 2, Size, Size);
        var x = image(scattering.Filters);
        return new(ShiftAveragedEnergies(scattering, x), x.Sum(v => v * v), LowPassedEnergy(scattering.Filters, x), ScatteringEnergyBound.Of(scattering.Filters));
    }

    /// <summary>
    /// 4^J Σ‖S‖² per order, averaged over the 2^J × 2^J circular shifts of the image on the padded grid, from the
    /// transform before the border cut: the coset average that the bounds are stated for.
    /// </summary>
    private static double[] ShiftAveragedEnergies(Scattering2D scattering, double[] image)
    {
        int shifts = 1 << scattering.Scales;
        var energies = new double[3];
        using var scope = NewDisposeScope();
        var x = tensor(image, [Grid, Grid]);
        for (int row = 0; row < shifts; row++)
        {
            using var inner = NewDisposeScope();
            // One batch per row shift keeps memory to 2^J images at a time.
            var batch = stack(Enumerable.Range(0, shifts).Select(col => x.roll([row, col], [0, 1])));
            var perChannel = scattering.TransformPeriodic(batch).Squared().sum([0, 2, 3]).data<double>().ToArray();
            for (int channel = 0; channel < perChannel.Length; channel++) energies[scattering.Paths[channel].Order] += perChannel[channel];
        }
        double scale = Math.Pow(4, scattering.Scales) / (shifts * shifts);
        return [.. energies.Select(e => e * scale)];
    }

    /// <summary>‖x ⋆ φ‖² by Parseval: (1/N) Σ |x̂|² φ̂², N the number of grid points.</summary>
    private static double LowPassedEnergy(MorletFilterBank bank, double[] image)
    {
        using var scope = NewDisposeScope();
        var spectrum = fft.fft2(tensor(image, [Grid, Grid])).abs().Squared();
        var lowPass = tensor(bank.LowPass.Cast<double>().ToArray(), [Grid, Grid]).Squared();
        return (spectrum * lowPass).sum().item<double>() / (Grid * Grid);
    }

    private static double[] Noise(int seed)
    {
        var draws = new NormalDraws(new Random(seed));
        return [.. Enumerable.Range(0, Grid * Grid).Select(_ => draws.Next())];
    }

    /// <summary>A real plane wave at the frequency where the first layer's Littlewood–Paley sum peaks.</summary>
    private static double[] PeakCosine(MorletFilterBank bank)
    {
        var sum = LittlewoodPaley.Sum(bank.LowPass, bank.Wavelets.Select(w => w.Fourier));
        int peakRow = 0, peakCol = 0;
        for (int r = 0; r < Grid; r++)
            for (int c = 0; c < Grid; c++)
                if (sum[r, c] > sum[peakRow, peakCol]) (peakRow, peakCol) = (r, c);
        var wave = new double[Grid * Grid];
        for (int r = 0; r < Grid; r++)
            for (int c = 0; c < Grid; c++) wave[r * Grid + c] = Math.Cos(2 * Math.PI * (peakRow * r + peakCol * c) / Grid);
        return wave;
    }
}
