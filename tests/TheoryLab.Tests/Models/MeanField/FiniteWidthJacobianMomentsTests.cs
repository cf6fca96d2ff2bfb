using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.MeanField;

public class FiniteWidthJacobianMomentsTests
{
    [Fact]
    public void OneLinearLayer_IsTheWishartValue()
    {
        // For JJᵀ = WWᵀ with N(0, 1/N) entries, E[tr(WWᵀ)²/N] = 2 + 1/N and E[(tr WWᵀ/N)²] = 1 + 2/N² by Wick's theorem.
        const int n = 7;
        Assert.Equal(1 + 1.0 / n - 2.0 / (n * n), FiniteWidthJacobianMoments.GaussianVariance(1, 1, 1, n, 1), 14);
    }

    [Fact]
    public void AtGreatWidth_TendsToTheFreeProbabilityVariance()
    {
        // tanh at the edge of chaos, q* ≈ 0.02: free probability gives L μ₂/μ₁² for Gaussian weights; the finite-width
        // terms are of relative order L/N = 3.2e-5 here.
        var spectrum = new MlpSpec(Activations.Tanh, Criticality.CriticalSigmaW2(Activations.Tanh, 1e-5), 1e-5, 32, 1_000_000).JacobianSpectrum();
        double exact = FiniteWidthJacobianMoments.GaussianVariance(spectrum);
        Assert.InRange(exact / spectrum.Variance - 1, 0, 1e-4);
    }

    [Theory]
    [InlineData(false, 7.58448)]
    [InlineData(true, 24.93633)]
    public void MatchesMonteCarloOfIndependentLayers_WhereTheInfiniteWidthValueDoesNot(bool reluSlopes, double exactAtWidth16Depth6)
    {
        // Linear layers (D = I, infinite-width variance L = 6) and ReLU's slopes drawn independently of W (D² ∈ {0, 1},
        // σ_w² = 2, 2L = 12), at N = 16, L = 6: L/N is large, so the exact value is far from the limit, and 20,000
        // networks put the Monte-Carlo mean within a few per cent of it.
        const int width = 16, depth = 6, networks = 20_000;
        var spec = reluSlopes ? new MlpSpec(Activations.Relu, 2, 0, depth, width) : new MlpSpec(Activations.Linear, 1, 0, depth, width);
        var spectrum = spec.JacobianSpectrum();
        double exact = FiniteWidthJacobianMoments.GaussianVariance(spectrum);
        Assert.Equal(exactAtWidth16Depth6, exact, 4);

        var (mean, error) = MonteCarloVariance(spec.SigmaW2, reluSlopes, width, depth, networks);
        Assert.True(Math.Abs(mean - exact) <= 4 * error, $"Monte Carlo {mean} ± {error}, exact {exact}");
        Assert.True(mean - spectrum.Variance > 10 * error, $"Monte Carlo {mean} ± {error} should be far above the infinite-width {spectrum.Variance}");
    }

    [Fact]
    public void OrthogonalWeights_HaveNoFiniteWidthValue()
    {
        var spectrum = new MlpSpec(Activations.Tanh, 1, 0.05, 8, 100, WeightDistribution.Orthogonal).JacobianSpectrum();
        Assert.Throws<TheoryLabException>(() => FiniteWidthJacobianMoments.GaussianVariance(spectrum));
    }

    /// <summary>
    /// The mean and standard error over networks of the within-network variance of the eigenvalues of JJᵀ, for
    /// J = D^L W^L ⋯ D^1 W^1 with N(0, σ_w²/N) weights and D² iid: 1 (linear) or 0 and 1 with probability ½ (ReLU's law).
    /// </summary>
    private static (double Mean, double Error) MonteCarloVariance(double sigmaW2, bool reluSlopes, int width, int depth, int networks)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var generator = new Generator(20_261_204);
        var jacobian = eye(width, dtype: ScalarType.Float64).expand(networks, width, width);
        using Scalar weightScale = Math.Sqrt(sigmaW2 / width).ToScalar(), half = 0.5.ToScalar(), units = width.ToScalar();
        for (int l = 0; l < depth; l++)
        {
            using var layer = NewDisposeScope();
            var weights = randn([networks, width, width], dtype: ScalarType.Float64, generator: generator).mul_(weightScale);
            var next = weights.matmul(jacobian);
            if (reluSlopes) next.mul_(rand([networks, width, 1], dtype: ScalarType.Float64, generator: generator).lt(half));
            jacobian = next.MoveToOuterDisposeScope();
        }
        var gram = jacobian.matmul(jacobian.transpose(1, 2));
        var m1 = gram.diagonal(0, 1, 2).sum(-1).div(units);
        var m2 = gram.Squared().sum([1, 2]).div(units);
        var variances = m2.sub(m1.Squared()).data<double>().ToArray();
        double mean = variances.Average();
        double sd = Math.Sqrt(variances.Sum(v => (v - mean) * (v - mean)) / (networks - 1));
        return (mean, sd / Math.Sqrt(networks));
    }
}
