using TheoryLab.Models.Generative;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Generative;

/// <summary>
/// The importance-sampling estimator on a model whose likelihood is known exactly: a linear-Gaussian decoder
/// x = Wz + b + N(0, σ²I) with z ~ N(0, I), probabilistic PCA (Tipping &amp; Bishop 1999), has p(x) = N(b, WWᵀ + σ²I)
/// and the Gaussian posterior N(M⁻¹Wᵀ(x − b), σ²M⁻¹), M = WᵀW + σ²I. W's columns are orthogonal here, so M is diagonal
/// and the posterior is a diagonal Gaussian, a proposal the estimator accepts.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class ImportanceSamplingTests
{
    public ImportanceSamplingTests() => TorchRuntime.EnsureLoaded();

    private const double NoiseVariance = 0.25;
    // Columns 2·(1, 2, 2)/3 and 0.7·(2, 1, −2)/3: orthogonal, of squared lengths 4 and 0.49.
    private static readonly double[,] W = { { 2.0 / 3, 1.4 / 3 }, { 4.0 / 3, 0.7 / 3 }, { 4.0 / 3, -1.4 / 3 } };
    private static readonly double[] B = [0.3, -0.2, 0.5];
    private static readonly double[] X = [1.1, 0.4, -0.6];

    /// <summary>log N(x; b, WWᵀ + σ²I) with the 3 × 3 covariance inverted and its determinant taken by cofactors.</summary>
    private static double ExactLogLikelihood()
    {
        var c = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) c[i, j] = W[i, 0] * W[j, 0] + W[i, 1] * W[j, 1] + (i == j ? NoiseVariance : 0);
        double Cofactor(int i, int j)
        {
            int r0 = (i + 1) % 3, r1 = (i + 2) % 3, c0 = (j + 1) % 3, c1 = (j + 2) % 3;
            return c[r0, c0] * c[r1, c1] - c[r0, c1] * c[r1, c0];
        }
        double det = c[0, 0] * Cofactor(0, 0) + c[0, 1] * Cofactor(0, 1) + c[0, 2] * Cofactor(0, 2);
        double quadratic = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) quadratic += (X[i] - B[i]) * Cofactor(j, i) / det * (X[j] - B[j]);   // C⁻¹ = adj(C)/det, C symmetric
        return -0.5 * (3 * Math.Log(2 * Math.PI) + Math.Log(det) + quadratic);
    }

    /// <summary>The exact posterior's means and variances per coordinate.</summary>
    private static (double[] Mean, double[] Variance) Posterior()
    {
        var mean = new double[2];
        var variance = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double m = NoiseVariance;
            for (int i = 0; i < 3; i++) m += W[i, k] * W[i, k];
            double projection = 0;
            for (int i = 0; i < 3; i++) projection += W[i, k] * (X[i] - B[i]);
            mean[k] = projection / m;
            variance[k] = NoiseVariance / m;
        }
        return (mean, variance);
    }

    /// <summary>log N(x; Wz + b, σ²I) for latents [samples, 1, 2].</summary>
    private static Tensor LogLikelihood(Tensor z)
    {
        var w = tensor(new[] { W[0, 0], W[0, 1], W[1, 0], W[1, 1], W[2, 0], W[2, 1] }, dtype: float64).reshape(3, 2);
        var mean = z.matmul(w.T) + tensor(B, dtype: float64);
        using Scalar minusHalf = (-0.5).ToScalar(), variance = NoiseVariance.ToScalar(), logNormaliser = Math.Log(2 * Math.PI * NoiseVariance).ToScalar();
        return minusHalf * ((tensor(X, dtype: float64) - mean).Squared() / variance + logNormaliser).sum(-1);
    }

    private static (Tensor Mean, Tensor LogVariance) Proposal(double[] mean, double[] variance) =>
        (tensor(mean, dtype: float64).reshape(1, 2), tensor(variance.Select(v => Math.Log(v)).ToArray(), dtype: float64).reshape(1, 2));

    [Fact]
    public void WithTheExactPosteriorAsProposal_EveryLogWeightIsTheExactLogLikelihood()
    {
        using var scope = NewDisposeScope();
        var (mean, variance) = Posterior();
        var (m, logVar) = Proposal(mean, variance);
        using var generator = new TorchSharp.torch.Generator(3);
        var weights = ImportanceSampling.LogWeights(m, logVar, LogLikelihood, 50, generator, block: 7).data<double>().ToArray();
        double exact = ExactLogLikelihood();
        Assert.Equal(50, weights.Length);
        Assert.All(weights, w => Assert.Equal(exact, w, 10));
        Assert.Equal(exact, ImportanceWeightedBound.Estimate(weights, 1), 10);
    }

    /// <summary>
    /// For another diagonal q: the ELBO from the closed-form reconstruction term and the KL of <see cref="DiagonalGaussian"/>
    /// equals log p(x) − KL(q ‖ posterior) exactly, the mean log-weight estimates it, and L_K climbs to log p(x).
    /// </summary>
    [Fact]
    public void WithAnyDiagonalProposal_TheElboIsLogLikelihoodMinusKlToThePosterior_AndLKConvergesToLogLikelihood()
    {
        using var scope = NewDisposeScope();
        double[] qMean = [0.2, -0.5], qVariance = [0.3, 0.9];
        var (postMean, postVariance) = Posterior();
        double exact = ExactLogLikelihood();
        double gapToPosterior = GaussianKl.Between(qMean[0], qVariance[0], postMean[0], postVariance[0]) + GaussianKl.Between(qMean[1], qVariance[1], postMean[1], postVariance[1]);

        // E_q log N(x; Wz + b, σ²I) = −(d/2) log 2πσ² − (‖x − b − Wμ‖² + Σₖ vₖ‖wₖ‖²)/(2σ²).
        double residual = 0, spread = 0;
        for (int i = 0; i < 3; i++)
        {
            double r = X[i] - B[i] - W[i, 0] * qMean[0] - W[i, 1] * qMean[1];
            residual += r * r;
            spread += qVariance[0] * W[i, 0] * W[i, 0] + qVariance[1] * W[i, 1] * W[i, 1];
        }
        double reconstruction = -1.5 * Math.Log(2 * Math.PI * NoiseVariance) - (residual + spread) / (2 * NoiseVariance);
        var (m, logVar) = Proposal(qMean, qVariance);
        double kl = DiagonalGaussian.KlToStandardNormalPerUnit(m, logVar).sum().item<double>();
        Assert.Equal(exact - gapToPosterior, reconstruction - kl, 10);

        using var generator = new TorchSharp.torch.Generator(5);
        var weights = ImportanceSampling.LogWeights(m, logVar, LogLikelihood, 400_000, generator, block: 50_000).data<double>().ToArray();
        Assert.True(Math.Abs(weights.Average() - (reconstruction - kl)) < 5 * Moments.StandardError(weights),
            $"mean log-weight {weights.Average()} against the ELBO {reconstruction - kl}");
        int[] ks = [1, 10, 100, 1000, 10_000];
        var bounds = ks.Select(k => ImportanceWeightedBound.Estimate(weights, k)).ToArray();
        for (int i = 1; i < ks.Length; i++) Assert.True(bounds[i] > bounds[i - 1], $"L_{ks[i]} = {bounds[i]} ≤ L_{ks[i - 1]} = {bounds[i - 1]}");
        Assert.True(exact - bounds[0] > 0.5, $"the ELBO should be well below log p(x) = {exact} for this q, not {bounds[0]}");
        Assert.True(Math.Abs(bounds[^1] - exact) < 0.01, $"L_10000 = {bounds[^1]} against log p(x) = {exact}");
    }
}
