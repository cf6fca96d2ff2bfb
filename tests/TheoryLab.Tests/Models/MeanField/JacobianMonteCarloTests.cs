using TheoryLab.Models.MeanField;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.MeanField;

public class JacobianMonteCarloTests
{
    [Fact]
    public void OrthogonalLinearNetwork_HasEverySingularValueEqualToSigmaWToTheL()
    {
        // J = σ_w^L Q_L ⋯ Q_1 with Q orthogonal: an exact isometry up to rounding.
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        using var generator = new Generator(5);
        var spec = new MlpSpec(Activations.Linear, 0.9, 0, depth: 6, width: 50, WeightDistribution.Orthogonal);
        var eigenvalues = JacobianMonteCarlo.Eigenvalues(spec, [3, 6], networks: 2, generator);
        foreach (var network in eigenvalues)
        {
            Assert.All(network[0], l => Assert.Equal(Math.Pow(0.9, 3), l, 1e-12));
            Assert.All(network[1], l => Assert.Equal(Math.Pow(0.9, 6), l, 1e-12));
        }
    }

    [Fact]
    public void GaussianLinearNetwork_EigenvalueVariance_MatchesTheExactFiniteWidthRecursion()
    {
        // For M' = W M Wᵀ with W_ij ~ N(0, 1/N), Wick's theorem gives exactly, with a = E[(tr M/N)²] and b = E[tr M²/N]:
        // a' = a + 2b/N², b' = a + (1 + 1/N) b, from a = b = 1 at M = I. The mean eigenvalue is exactly 1 and the expected
        // within-network variance is b − a; free probability (N → ∞) gives L. At N = 30 and L = 8 the two differ by 12 %,
        // so the Monte Carlo (400 networks, 4 standard errors ≈ 3 %) tells them apart.
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        const int width = 30, networks = 400;
        int[] depths = [1, 2, 4, 8];
        using var generator = new Generator(6);
        var spec = new MlpSpec(Activations.Linear, 1, 0, depth: 8, width: width);
        var eigenvalues = JacobianMonteCarlo.Eigenvalues(spec, depths, networks, generator);
        double a = 1, b = 1;
        for (int depth = 1, k = 0; depth <= 8; depth++)
        {
            (a, b) = (a + 2 * b / (width * (double)width), a + (1 + 1.0 / width) * b);
            if (depth != depths[k]) continue;
            var variances = eigenvalues.Select(e => Variance(e[k])).ToArray();
            var means = eigenvalues.Select(e => e[k].Average()).ToArray();
            Assert.True(Math.Abs(means.Average() - 1) <= 4 * StandardError(means), $"L = {depth}: mean {means.Average()}");
            Assert.True(Math.Abs(variances.Average() - (b - a)) <= 4 * StandardError(variances), $"L = {depth}: variance {variances.Average()} ± {StandardError(variances)}, exact {b - a}");
            k++;
        }
        Assert.True(b - a > 8 * 1.1, "the finite-width value should differ from free probability's L here");
    }

    [Fact]
    public void SameGenerator_GivesTheSameSpectra()
    {
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        var spec = new MlpSpec(Activations.Tanh, 1.2, 0.01, depth: 4, width: 40, WeightDistribution.Orthogonal);
        double[] Draw()
        {
            using var generator = new Generator(7);
            return JacobianMonteCarlo.Eigenvalues(spec, [4], 1, generator)[0][0];
        }
        Assert.Equal(Draw(), Draw());
    }

    private static double Variance(double[] v)
    {
        double mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / v.Length;
    }

    private static double StandardError(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length);
    }
}
