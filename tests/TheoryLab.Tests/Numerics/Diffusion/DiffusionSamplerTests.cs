using TheoryLab.Numerics.Diffusion;

namespace TheoryLab.Tests.Numerics.Diffusion;

public class DiffusionSamplerTests
{
    private static readonly NoiseSchedule Ho = NoiseSchedule.Linear();

    [Fact]
    public void Timesteps_SpreadEvenlyOverTheChain_EndingAtT()
    {
        Assert.Equal([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], DiffusionSampler.Timesteps(1000, 10));
        Assert.Equal(Enumerable.Range(1, 1000), DiffusionSampler.Timesteps(1000, 1000));
        Assert.Throws<TheoryLabException>(() => DiffusionSampler.Timesteps(1000, 1001));
    }

    /// <summary>
    /// With every step and η = 1 the generalised update is Ho et al.'s ancestral step: the posterior mean μ̃_t(x_t, x̂_0)
    /// from <see cref="NoiseSchedule.PosteriorMeanWeights"/> with x̂_0 = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t, plus √β̃_t z.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(37)]
    [InlineData(999)]
    public void DdpmStep_IsThePosteriorMeanPlusRootBetaTildeNoise(int t)
    {
        double[] x = [0.3, -1.7, 2.2], epsilon = [1.1, 0.4, -0.9], z = [0.5, -2.0, 0.25];
        var next = DiffusionSampler.Step(Ho, x, epsilon, t, t - 1, 1, z);
        var (ofStart, ofCurrent) = Ho.PosteriorMeanWeights(t);
        double deviation = Math.Sqrt(Ho.PosteriorVariance(t));
        for (int j = 0; j < x.Length; j++)
        {
            double start = (x[j] - Ho.NoiseScale(t) * epsilon[j]) / Ho.SignalScale(t);
            Assert.Equal(ofStart * start + ofCurrent * x[j] + deviation * z[j], next[j], 1e-12);
        }
        Assert.Equal(Ho.PosteriorVariance(t), Math.Pow(DiffusionSampler.StepDeviation(Ho, t, t - 1, 1), 2), 1e-15);
    }

    [Fact]
    public void ClippedStep_IsThePosteriorMeanOfTheClippedPrediction()
    {
        const int T = 400;
        double[] x = [0.9, -0.2], epsilon = [-3.0, 0.1], zero = [0, 0];
        var next = DiffusionSampler.Step(Ho, x, epsilon, T, T - 1, 1, zero, clip: 1);
        var (ofStart, ofCurrent) = Ho.PosteriorMeanWeights(T);
        double unclipped = (x[0] - Ho.NoiseScale(T) * epsilon[0]) / Ho.SignalScale(T);
        Assert.True(unclipped > 1);
        Assert.Equal(ofStart * 1 + ofCurrent * x[0], next[0], 1e-12);
        Assert.Equal(ofStart * ((x[1] - Ho.NoiseScale(T) * epsilon[1]) / Ho.SignalScale(T)) + ofCurrent * x[1], next[1], 1e-12);
    }

    /// <summary>
    /// For a point mass at μ the exact ε* makes x̂_0 = μ at every step, so DDIM lands on μ from any start and with any
    /// number of steps, and DDPM too, its last step being deterministic.
    /// </summary>
    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.0, 1000)]
    [InlineData(1.0, 20)]
    public void ExactNoiseOfAPointMass_SamplesThePoint(double eta, int steps)
    {
        var pointMass = new DiffusedGaussianMixture(Ho, [[0.8, -1.3]], 0);
        var samples = DiffusionSampler.Sample(Ho, pointMass.OptimalNoise, 50, 2, steps, eta, new Random(3));
        for (int i = 0; i < samples.Length; i += 2)
        {
            Assert.Equal(0.8, samples[i], 1e-9);
            Assert.Equal(-1.3, samples[i + 1], 1e-9);
        }
    }

    [Fact]
    public void Ddim_IsDeterministicGivenTheStart_DdpmIsNot()
    {
        var mixture = new DiffusedGaussianMixture(Ho, [[1.0], [-1.0]], 0.2);
        var a = DiffusionSampler.Sample(Ho, mixture.OptimalNoise, 5, 1, 50, 0, new Random(11));
        var b = DiffusionSampler.Sample(Ho, mixture.OptimalNoise, 5, 1, 50, 0, new Random(11));
        Assert.Equal(a, b);
        // η = 0 draws only x_T: the same start under η = 1 draws fresh noise at each step and ends elsewhere.
        var c = DiffusionSampler.Sample(Ho, mixture.OptimalNoise, 5, 1, 50, 1, new Random(11));
        Assert.NotEqual(a, c);
    }
}
