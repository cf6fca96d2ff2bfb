using TheoryLab.Analysis.Scattering;
using Xunit.Abstractions;

namespace TheoryLab.Tests.Analysis.Scattering;

public class LittlewoodPaleyTests(ITestOutputHelper output)
{
    private const int Angles = 8;

    [Fact]
    public void Sum_ForKymatiosBank_StaysBelowTheUpperFrameBoundOfTheContinuousMorletFamily()
    {
        // The continuous family ψ̂_j(ω) = ψ̂_0(2^j ω), j ∈ ℤ, with L angles is invariant under dilation by 2 and
        // rotation by π/L, so its Littlewood–Paley sum takes every value it ever takes on one cell: an octave of
        // radii times an angle of π/L. Its supremum there bounds what a finite, sampled bank should reach; sampled
        // on a finite grid of the cell, the bound can only come out lower, which makes the check stricter.
        var (lower, upper) = ContinuousFrameBounds();
        var bank = new MorletFilterBank(64, 64, scales: 4, angles: Angles);
        var sum = LittlewoodPaley.Sum(bank.LowPass, bank.Wavelets.Select(w => w.Fourier)).Cast<double>().ToArray();
        output.WriteLine($"continuous family's frame bounds [{lower:F4}, {upper:F4}]; the 64 × 64, J = 4 bank's sum lies in [{sum.Min():F4}, {sum.Max():F4}]");
        Assert.True(sum.Max() <= upper, $"max A = {sum.Max():F6} exceeds the continuous family's {upper:F6}");
    }

    [Fact]
    public void Sum_AveragesEachWaveletWithItsMirror()
    {
        // One wavelet alone, zero low-pass: A(ω) = ½(|ψ̂(ω)|² + |ψ̂(−ω)|²), which is what a real image sees.
        var wavelet = new MorletFilterBank(16, 16, scales: 1, angles: 4).Wavelet(0, 1).Fourier;
        var sum = LittlewoodPaley.Sum(new double[16, 16], [wavelet]);
        for (int r = 0; r < 16; r++)
            for (int c = 0; c < 16; c++)
            {
                double mirrored = wavelet[(16 - r) % 16, (16 - c) % 16];
                Assert.Equal(0.5 * (wavelet[r, c] * wavelet[r, c] + mirrored * mirrored), sum[r, c], 15);
            }
    }

    private static (double Lower, double Upper) ContinuousFrameBounds()
    {
        const int radii = 64, angles = 64, scaleReach = 16;
        double lower = double.PositiveInfinity, upper = 0;
        for (int i = 0; i < radii; i++)
        {
            double radius = Math.Pow(2, (double)i / radii);
            for (int k = 0; k < angles; k++)
            {
                double phi = Math.PI / Angles * k / angles;
                double wr = radius * Math.Cos(phi), wc = radius * Math.Sin(phi);
                double sum = 0;
                for (int j = -scaleReach; j <= scaleReach; j++)
                {
                    double dilation = Math.Pow(2, j);
                    for (int theta = 0; theta < Angles; theta++)
                    {
                        double plus = ContinuousMorlet.Wavelet(dilation * wr, dilation * wc, 0, theta, Angles);
                        double minus = ContinuousMorlet.Wavelet(-dilation * wr, -dilation * wc, 0, theta, Angles);
                        sum += 0.5 * (plus * plus + minus * minus);
                    }
                }
                lower = Math.Min(lower, sum);
                upper = Math.Max(upper, sum);
            }
        }
        return (lower, upper);
    }
}
