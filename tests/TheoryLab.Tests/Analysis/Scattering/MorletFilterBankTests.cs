using TheoryLab.Analysis.Scattering;

namespace TheoryLab.Tests.Analysis.Scattering;

public class MorletFilterBankTests
{
    // Filters of size ~1 built from 25 periodised copies and a 4096-point FFT in double: rounding stays near 1e-13.
    private const double Tolerance = 1e-11;

    private static readonly MorletFilterBank Bank = new(64, 64, scales: 4, angles: 8);

    [Fact]
    public void Wavelets_AreTheirAliasedClosedFormFourierTransforms()
    {
        foreach (var wavelet in Bank.Wavelets)
        {
            double sigma = MorletFilterBank.WaveletWidth(wavelet.Scale), xi = MorletFilterBank.WaveletFrequency(wavelet.Scale);
            double theta = MorletFilterBank.WaveletAngle(wavelet.Angle, Bank.Angles), slant = MorletFilterBank.WaveletSlant(Bank.Angles);
            AssertEveryFrequency(wavelet.Fourier, (wr, wc) => ContinuousMorlet.AliasedMorlet(wr, wc, sigma, theta, xi, slant));
        }
    }

    [Fact]
    public void LowPass_IsTheAliasedClosedFormGaussian()
    {
        double sigma = MorletFilterBank.LowPassWidth(Bank.Scales);
        AssertEveryFrequency(Bank.LowPass, (wr, wc) => ContinuousMorlet.AliasedGabor(wr, wc, sigma, 0, 0, 1));
    }

    [Fact]
    public void Angles_FollowKymatio_FromThreeEighthsOfPiDownToMinusOneHalf()
    {
        Assert.Equal(3 * Math.PI / 8, MorletFilterBank.WaveletAngle(0, 8), 15);
        Assert.Equal(-Math.PI / 2, MorletFilterBank.WaveletAngle(7, 8), 15);
        // Kymatio's int(L − L/2 − 1) truncates toward zero: for L = 3 it is int(0.5) = 0.
        Assert.Equal(0, MorletFilterBank.WaveletAngle(0, 3), 15);
    }

    [Fact]
    public void AtResolution_KeepsTheLowFrequencyBandOfTheFullGrid()
    {
        var wavelet = Bank.Wavelet(2, 3);
        for (int resolution = 0; resolution <= 2; resolution++)
        {
            var coarse = wavelet.AtResolution(resolution);
            int size = 64 >> resolution;
            Assert.Equal(size, coarse.GetLength(0));
            for (int r = 0; r < size; r++)
                for (int c = 0; c < size; c++)
                    Assert.Equal(wavelet.Fourier[FullGridIndex(r, size), FullGridIndex(c, size)], coarse[r, c]);
        }
    }

    private static int FullGridIndex(int coarse, int coarseSize) => coarse < coarseSize / 2 ? coarse : coarse + 64 - coarseSize;

    private static void AssertEveryFrequency(double[,] fourier, Func<double, double, double> expected)
    {
        int rows = fourier.GetLength(0), cols = fourier.GetLength(1);
        double worst = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                worst = Math.Max(worst, Math.Abs(fourier[r, c] - expected(2 * Math.PI * r / rows, 2 * Math.PI * c / cols)));
        Assert.True(worst < Tolerance, $"largest difference from the closed form {worst:E2}");
    }
}
