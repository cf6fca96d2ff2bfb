using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>
/// A Gaussian with diagonal covariance given by its mean μ and log-variance log σ² (the last dimension indexes the
/// coordinates): the encoder distribution q(z|x) of a variational autoencoder and its standard-normal prior.
/// </summary>
public static class DiagonalGaussian
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>KL(N(μ, diag σ²) ‖ N(0, I)) of each coordinate, ½(μ² + σ² − 1 − log σ²), the shape of μ (sum the last dimension for the total).</summary>
    public static Tensor KlToStandardNormalPerUnit(Tensor mean, Tensor logVariance)
    {
        using Scalar half = 0.5.ToScalar(), one = 1.ToScalar();
        return half * (mean.Squared().Plus(logVariance.exp()) - one - logVariance);
    }

    /// <summary>
    /// <paramref name="samples"/> draws z = μ + σ ⊙ ε, ε ~ N(0, I) from <paramref name="generator"/> (the
    /// reparameterisation: differentiable in μ and log σ²), of shape [samples, …μ's shape].
    /// </summary>
    public static Tensor Sample(Tensor mean, Tensor logVariance, int samples, Generator generator)
    {
        var noise = randn([samples, .. mean.shape], dtype: mean.dtype, device: mean.device, generator: generator);
        using var half = 0.5.ToScalar();
        return mean.Plus((half * logVariance).exp() * noise);
    }

    /// <summary>log N(z; μ, diag σ²), summed over the last dimension; z broadcasts against μ.</summary>
    public static Tensor LogDensity(Tensor z, Tensor mean, Tensor logVariance)
    {
        using Scalar minusHalf = (-0.5).ToScalar(), logTwoPi = LogTwoPi.ToScalar();
        return minusHalf * ((z - mean).Squared() / logVariance.exp()).Plus(logVariance).Plus(logTwoPi).sum(-1);
    }

    /// <summary>log N(z; 0, I), summed over the last dimension.</summary>
    public static Tensor StandardLogDensity(Tensor z)
    {
        using Scalar minusHalf = (-0.5).ToScalar(), logTwoPi = LogTwoPi.ToScalar();
        return minusHalf * z.Squared().Plus(logTwoPi).sum(-1);
    }
}
