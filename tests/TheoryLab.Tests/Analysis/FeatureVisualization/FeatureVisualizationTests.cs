using TheoryLab.Analysis.FeatureVisualization;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.FeatureVisualization;

/// <summary>
/// Activation maximisation's pieces against closed forms: the class model of a linear score w·I under λ‖I‖² is
/// w/(2λ); jitter permutes pixels and undoes itself; blur keeps the mean and spreads a single pixel into the product
/// of two sampled Gaussians; total variation against a loop; the high-frequency share of white noise, of a slow
/// grating and of a checkerboard.
/// </summary>
public class FeatureVisualizationTests
{
    public FeatureVisualizationTests() => TorchRuntime.EnsureLoaded();

    private static Tensor Noise(int seed, params long[] shape)
    {
        using var generator = new TorchSharp.torch.Generator((ulong)seed);
        return randn(shape, dtype: float64, generator: generator);
    }

    [Fact]
    public void ClassModelOfALinearScore_IsTheWeightsOverTwiceLambda()
    {
        var weights = Noise(1, 3, 1, 6, 5);
        const double lambda = 0.5;
        using var twiceLambda = (2 * lambda).ToScalar();
        var settings = new AscentSettings(Steps: 300, StepSize: 0.1, L2: lambda);
        var image = InputAscent.Maximise(x => (x * weights).sum([1, 2, 3]), zeros_like(weights), settings, new Random(0));
        Assert.True(settings.IsPlain);
        Assert.True((image - weights / twiceLambda).abs().max().AsDouble() < 1e-10);
    }

    [Fact]
    public void Jitter_PermutesThePixelsAndIsUndoneByTheOppositeRoll()
    {
        var images = Noise(2, 2, 1, 7, 9);
        var moved = ImageRegularisers.Jitter(images, 2, -3);
        Assert.Equal(images.flatten().sort().Values.data<double>().ToArray(), moved.flatten().sort().Values.data<double>().ToArray());
        Assert.Equal(images[0, 0, 0, 0].AsDouble(), moved[0, 0, 2, 6].AsDouble());
        Assert.True(ImageRegularisers.Jitter(moved, -2, 3).equal(images).all().item<bool>());
    }

    [Fact]
    public void Blur_KeepsEachImagesMean_AndSpreadsAPixelIntoASampledGaussian()
    {
        var images = Noise(3, 2, 2, 10, 12);
        var blurred = ImageRegularisers.Blur(images, 0.8);
        Assert.True((blurred.mean([2, 3]) - images.mean([2, 3])).abs().max().AsDouble() < 1e-12);
        Assert.True(blurred.std().AsDouble() < images.std().AsDouble());

        const double sigma = 0.7;
        var point = zeros(1, 1, 15, 15, dtype: float64);
        point[0, 0, 7, 7] = 1;
        var spread = ImageRegularisers.Blur(point, sigma);
        int radius = (int)Math.Ceiling(3 * sigma);
        double norm = Enumerable.Range(-radius, 2 * radius + 1).Sum(k => Math.Exp(-k * k / (2 * sigma * sigma)));
        for (int r = 0; r < 15; r++)
            for (int c = 0; c < 15; c++)
            {
                int dr = r - 7, dc = c - 7;
                double expected = Math.Abs(dr) > radius || Math.Abs(dc) > radius ? 0
                    : Math.Exp(-(dr * dr + dc * dc) / (2 * sigma * sigma)) / (norm * norm);
                Assert.Equal(expected, spread[0, 0, r, c].AsDouble(), 14);
            }
    }

    [Fact]
    public void TotalVariation_SumsSquaredNeighbourDifferences()
    {
        var images = Noise(4, 2, 2, 4, 5);
        var measured = ImageRegularisers.TotalVariation(images).data<double>().ToArray();
        for (int n = 0; n < 2; n++)
        {
            double sum = 0;
            for (int ch = 0; ch < 2; ch++)
                for (int r = 0; r < 4; r++)
                    for (int c = 0; c < 5; c++)
                    {
                        double x = images[n, ch, r, c].AsDouble();
                        if (r + 1 < 4) sum += Math.Pow(images[n, ch, r + 1, c].AsDouble() - x, 2);
                        if (c + 1 < 5) sum += Math.Pow(images[n, ch, r, c + 1].AsDouble() - x, 2);
                    }
            Assert.Equal(sum, measured[n], 10);
        }
    }

    /// <summary>400 white-noise images: the mean share within 4 standard errors of the count of high frequencies.</summary>
    [Fact]
    public void WhiteNoise_PutsTheShareOfHighFrequenciesAboveHalfNyquist()
    {
        var shares = SpectralPower.HighFrequencyShare(Noise(5, 400, 1, 28, 28));
        double mean = shares.Average(), error = Math.Sqrt(shares.Sum(s => (s - mean) * (s - mean)) / (shares.Length - 1) / shares.Length);
        Assert.InRange(SpectralPower.WhiteNoiseShare(28, 28), mean - 4 * error, mean + 4 * error);
        // The continuous limit: the unit square of frequencies outside the disc of radius 1/4, 1 − π/16.
        Assert.Equal(1 - Math.PI / 16, SpectralPower.WhiteNoiseShare(128, 128), 2);
    }

    [Fact]
    public void SlowGratingAndCheckerboard_AreAllLowAndAllHigh()
    {
        var grating = zeros(1, 16, 16, dtype: float64);
        var checkerboard = zeros(1, 16, 16, dtype: float64);
        for (int r = 0; r < 16; r++)
            for (int c = 0; c < 16; c++)
            {
                grating[0, r, c] = Math.Cos(2 * Math.PI * 2 * c / 16) + 3;
                checkerboard[0, r, c] = (r + c) % 2 == 0 ? 1 : -1;
            }
        Assert.Equal(0, SpectralPower.HighFrequencyShare(grating)[0], 12);
        Assert.Equal(1, SpectralPower.HighFrequencyShare(checkerboard)[0], 12);
    }
}
