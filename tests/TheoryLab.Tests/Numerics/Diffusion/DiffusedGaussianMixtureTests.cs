using TheoryLab.Data.Toy;
using TheoryLab.Numerics.Diffusion;
using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Diffusion;

public class DiffusedGaussianMixtureTests
{
    private static readonly NoiseSchedule Ho = NoiseSchedule.Linear();
    private static readonly PlanarMixture Ring = PlanarMixture.Ring(sigma: 0.1);
    private static readonly DiffusedGaussianMixture Diffused = new(Ho, [.. Ring.Means.Select(m => new[] { m.X, m.Y })], Ring.Sigma);

    [Fact]
    public void AtStepZero_TheLogDensityIsTheTargetsOwn()
    {
        foreach (var (x, y) in new[] { (2.0, 0.0), (1.4, 1.5), (0.0, 0.0), (-3.0, 1.0) })
            Assert.Equal(Ring.LogDensity(x, y), Diffused.LogDensity([x, y], 0), 1e-10);
    }

    /// <summary>The marginal q_t integrates to 1 over the plane (midpoint rule on a square wide enough for its tails).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    public void DiffusedDensity_IntegratesToOne(int t)
    {
        double reach = 2 + 9 * Math.Sqrt(Diffused.ModeVariance(t)), h = Math.Sqrt(Diffused.ModeVariance(t)) / 8;
        int cells = (int)Math.Ceiling(2 * reach / h);
        double sum = 0;
        for (int i = 0; i < cells; i++)
            for (int j = 0; j < cells; j++)
                sum += Math.Exp(Diffused.LogDensity([-reach + (i + 0.5) * h, -reach + (j + 0.5) * h], t)) * h * h;
        Assert.Equal(1, sum, 1e-6);
    }

    /// <summary>The closed-form score against central differences of the closed-form log-density.</summary>
    [Theory]
    [InlineData(1, 1.97, 0.05)]
    [InlineData(5, 1.5, 1.3)]
    [InlineData(100, 0.3, -0.8)]
    [InlineData(700, -2.5, 0.4)]
    public void Score_IsTheGradientOfTheLogDensity(int t, double x, double y)
    {
        Span<double> score = stackalloc double[2];
        Diffused.Score([x, y], t, score);
        const double H = 1e-6;
        double dx = (Diffused.LogDensity([x + H, y], t) - Diffused.LogDensity([x - H, y], t)) / (2 * H);
        double dy = (Diffused.LogDensity([x, y + H], t) - Diffused.LogDensity([x, y - H], t)) / (2 * H);
        double scale = Math.Max(1, Math.Abs(dx) + Math.Abs(dy));
        Assert.Equal(dx / scale, score[0] / scale, 1e-6);
        Assert.Equal(dy / scale, score[1] / scale, 1e-6);
    }

    /// <summary>
    /// ε* is the conditional mean E[ε | x_t] (Tweedie): the residual ε − ε*(x_t) is orthogonal to every function of x_t.
    /// Checked by Monte Carlo on fresh (x_0, ε) against a few test functions g, each mean within four standard errors of 0;
    /// a predictor off by a constant fails it.
    /// </summary>
    [Theory]
    [InlineData(30)]
    [InlineData(200)]
    [InlineData(600)]
    public void OptimalNoise_IsTheConditionalMeanOfTheNoise(int t)
    {
        const int N = 40_000;
        var start = Ring.Sample(N, 5);
        var normal = new NormalDraws(new Random(9));
        var noise = new double[2 * N];
        var noisy = new double[2 * N];
        for (int i = 0; i < noisy.Length; i++)
        {
            noise[i] = normal.Next();
            noisy[i] = Ho.SignalScale(t) * start[i] + Ho.NoiseScale(t) * noise[i];
        }
        var optimal = Diffused.OptimalNoise(noisy, 2, t);
        var tests = new Func<double, double, double>[] { (a, _) => 1, (a, _) => a, (_, b) => b * b, (a, b) => Math.Sin(3 * a + b) };
        foreach (var g in tests)
        {
            var products = Enumerable.Range(0, N).Select(i => (noise[2 * i] - optimal[2 * i]) * g(noisy[2 * i], noisy[2 * i + 1])).ToArray();
            double mean = products.Average(), error = Math.Sqrt(products.Sum(p => (p - mean) * (p - mean)) / (N - 1) / N);
            Assert.InRange(mean, -4 * error, 4 * error);
        }
        var shifted = Enumerable.Range(0, N).Select(i => noise[2 * i] - optimal[2 * i] - 0.05).ToArray();
        double shiftedMean = shifted.Average(), shiftedError = Math.Sqrt(shifted.Sum(p => (p - shiftedMean) * (p - shiftedMean)) / (N - 1) / N);
        Assert.True(Math.Abs(shiftedMean) > 4 * shiftedError);
    }
}
