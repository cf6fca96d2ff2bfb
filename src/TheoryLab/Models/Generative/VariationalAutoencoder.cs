using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Generative;

/// <summary>How a variational autoencoder's decoder turns a latent z into a distribution over x.</summary>
public enum ObservationModel
{
    /// <summary>Independent Bernoulli pixels with probabilities sigmoid(decoder(z)), for binary data.</summary>
    Bernoulli,

    /// <summary>N(decoder(z), σ²I) with one learned variance σ² shared by every coordinate, for real-valued data.</summary>
    Gaussian,
}

/// <summary>
/// Kingma &amp; Welling's variational autoencoder with MLPs: the encoder maps x to the mean and log-variance of
/// q(z|x) = N(μ(x), diag σ²(x)), the prior is N(0, I), and the decoder maps z to p(x|z) of the
/// <see cref="ObservationModel"/>. The rows of every tensor are examples; latents may carry leading sample dimensions.
/// </summary>
public sealed class VariationalAutoencoder : nn.Module<Tensor, Tensor>
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly Mlp encoder;
    private readonly Mlp decoder;
    private readonly Parameter? logNoiseVariance;

    /// <param name="inputs">d, the size of an example.</param>
    /// <param name="latents">L, the size of z.</param>
    /// <param name="hidden">Units of every hidden layer.</param>
    /// <param name="encoderDepth">Hidden layers of the encoder.</param>
    /// <param name="decoderDepth">Hidden layers of the decoder: its capacity.</param>
    /// <param name="activation">φ of the hidden layers.</param>
    /// <param name="observation">The decoder's distribution.</param>
    /// <param name="generator">Source of the initial weights (torch's default rule, U(±1/√fan-in)).</param>
    public VariationalAutoencoder(int inputs, int latents, int hidden, int encoderDepth, int decoderDepth, Activation activation,
        ObservationModel observation, Generator generator) : base(nameof(VariationalAutoencoder))
    {
        Latents = latents;
        Observation = observation;
        encoder = new Mlp([inputs, .. Enumerable.Repeat(hidden, encoderDepth), 2 * latents], activation, TorchDefaultInitialisation.Instance, generator, float32);
        decoder = new Mlp([latents, .. Enumerable.Repeat(hidden, decoderDepth), inputs], activation, TorchDefaultInitialisation.Instance, generator, float32);
        if (observation == ObservationModel.Gaussian) logNoiseVariance = new Parameter(zeros(1, dtype: float32));
        RegisterComponents();
    }

    public int Latents { get; }

    public ObservationModel Observation { get; }

    /// <summary>The mean and log-variance of q(z|x), each [n, L].</summary>
    public (Tensor Mean, Tensor LogVariance) Encode(Tensor x)
    {
        var halves = encoder.forward(x).chunk(2, -1);
        return (halves[0], halves[1]);
    }

    /// <summary>log p(x|z) for latents [..., n, L] against the examples x [n, d]: shape [..., n].</summary>
    public Tensor LogLikelihood(Tensor x, Tensor z)
    {
        var output = decoder.forward(z);
        if (logNoiseVariance is null)
            return (x * output - output.Softplus()).sum(-1);   // x log sigmoid(a) + (1 − x) log(1 − sigmoid(a))
        using Scalar minusHalf = (-0.5).ToScalar(), logTwoPi = LogTwoPi.ToScalar();
        return minusHalf * ((x - output).Squared() / logNoiseVariance.exp()).Plus(logNoiseVariance).Plus(logTwoPi).sum(-1);
    }

    /// <summary>The mean of p(x|z): the pixel probabilities, or the Gaussian's mean.</summary>
    public Tensor DecodeMean(Tensor z)
    {
        var output = decoder.forward(z);
        return logNoiseVariance is null ? output.sigmoid() : output;
    }

    /// <summary>The shared variance σ² of the Gaussian decoder; null for Bernoulli.</summary>
    public double? NoiseVariance => logNoiseVariance is null ? null : logNoiseVariance.exp().AsDouble();

    /// <summary>
    /// The ELBO's two terms for each example: the reconstruction term E_q[log p(x|z)] estimated from one
    /// reparameterised draw, and KL(q(z|x) ‖ p(z)) per latent unit in closed form ([n, L]).
    /// </summary>
    public (Tensor Reconstruction, Tensor KlPerUnit) ElboTerms(Tensor x, Generator generator)
    {
        var (mean, logVariance) = Encode(x);
        var z = DiagonalGaussian.Sample(mean, logVariance, 1, generator)[0];
        return (LogLikelihood(x, z), DiagonalGaussian.KlToStandardNormalPerUnit(mean, logVariance));
    }

    /// <summary>
    /// The mean over the batch of −(E_q[log p(x|z)] − β KL(q ‖ p)): the negative ELBO at β = 1, Higgins et al.'s
    /// β-VAE objective otherwise.
    /// </summary>
    public Tensor Loss(Tensor x, double beta, Generator generator)
    {
        var (reconstruction, kl) = ElboTerms(x, generator);
        using var weight = beta.ToScalar();
        return -(reconstruction - weight * kl.sum(-1)).mean();
    }

    /// <summary>The reconstruction of x through the posterior mean: the mean of p(x | z = μ(x)).</summary>
    public override Tensor forward(Tensor x) => DecodeMean(Encode(x).Mean);
}
