using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// The log importance weights log p(x, z) − log q(z|x) = log p(x|z) + log p(z) − log q(z|x) of a latent-variable
/// model with a standard-normal prior and a diagonal-Gaussian proposal q (Burda et al. 2016), from which
/// <see cref="TheoryLab.Numerics.Statistics.ImportanceWeightedBound"/> estimates log p(x).
/// </summary>
public static class ImportanceSampling
{
    /// <summary>
    /// [samples, n] log-weights in float64 for the n examples x with proposal N(μ, diag σ²) (rows of
    /// <paramref name="mean"/>, <paramref name="logVariance"/>); <paramref name="logLikelihood"/> maps latents
    /// [samples, n, L] to log p(x|z) of shape [samples, n]. Draws in blocks of at most <paramref name="block"/> samples.
    /// </summary>
    public static Tensor LogWeights(Tensor mean, Tensor logVariance, Func<Tensor, Tensor> logLikelihood, int samples, Generator generator, int block = 100)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (int start = 0; start < samples; start += block)
        {
            var z = DiagonalGaussian.Sample(mean, logVariance, Math.Min(block, samples - start), generator);
            var logWeight = logLikelihood(z).Plus(DiagonalGaussian.StandardLogDensity(z)) - DiagonalGaussian.LogDensity(z, mean, logVariance);
            parts.Add(logWeight.to(float64));
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
