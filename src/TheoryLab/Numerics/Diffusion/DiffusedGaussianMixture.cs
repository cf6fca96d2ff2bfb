using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Numerics.Diffusion;

/// <summary>
/// An equal-weight mixture of isotropic Gaussians N(μ_k, σ²I) pushed through the forward process: by the closed form
/// of q(x_t | x_0) its marginal at step t is again such a mixture, with means √ᾱ_t μ_k and variance
/// v_t = ᾱ_t σ² + 1 − ᾱ_t. So the score ∇ log q_t(x) = −Σ_k w_k(x)(x − √ᾱ_t μ_k)/v_t (w_k the posterior weights of the
/// modes) and the optimal noise predictor ε*(x_t, t) = E[ε | x_t] = −√(1 − ᾱ_t) ∇ log q_t(x_t), the minimiser of the
/// simple loss, are exact: a reference sampler and the target a trained network should reach.
/// </summary>
public sealed class DiffusedGaussianMixture
{
    private readonly double[][] means;

    /// <param name="means">μ_1 … μ_K, each of the same dimension.</param>
    /// <param name="sigma">σ of every mode.</param>
    public DiffusedGaussianMixture(NoiseSchedule schedule, IReadOnlyList<double[]> means, double sigma)
    {
        if (means.Count < 1) throw new TheoryLabException("a mixture needs at least one mode.");
        if (means.Any(m => m.Length != means[0].Length)) throw new TheoryLabException("every mode of a mixture needs the same dimension.");
        if (!(sigma >= 0)) throw new TheoryLabException($"mode standard deviation {sigma}; give σ ≥ 0.");
        Schedule = schedule;
        this.means = [.. means.Select(m => m.ToArray())];
        Sigma = sigma;
    }

    public NoiseSchedule Schedule { get; }
    public double Sigma { get; }
    public int Dimension => means[0].Length;

    /// <summary>v_t = ᾱ_t σ² + 1 − ᾱ_t, the variance of every mode of q_t.</summary>
    public double ModeVariance(int t) => Schedule.AlphaBar(t) * Sigma * Sigma + 1 - Schedule.AlphaBar(t);

    /// <summary>q_t itself: the mixture of modes N(√ᾱ_t μ_k, v_t I).</summary>
    public IsotropicGaussianMixture At(int t)
    {
        double scale = Schedule.SignalScale(t);
        return new([.. means.Select(m => m.Select(v => scale * v).ToArray())], ModeVariance(t));
    }

    /// <summary>log q_t(x) of one point.</summary>
    public double LogDensity(ReadOnlySpan<double> x, int t) => At(t).LogDensity(x);

    /// <summary>∇ log q_t at one point, written to <paramref name="score"/>.</summary>
    public void Score(ReadOnlySpan<double> x, int t, Span<double> score) => At(t).Score(x, score);

    /// <summary>ε*(x_t, t) = −√(1 − ᾱ_t) ∇ log q_t(x_t) for a batch of points (rows one after the other); a <see cref="NoisePrediction"/>.</summary>
    public double[] OptimalNoise(double[] points, int dimension, int t)
    {
        if (dimension != Dimension) throw new TheoryLabException($"points of dimension {dimension} for a mixture in {Dimension}.");
        var noise = new double[points.Length];
        double factor = -Schedule.NoiseScale(t);
        var marginal = At(t);
        for (int i = 0; i < points.Length; i += dimension)
        {
            var row = noise.AsSpan(i, dimension);
            marginal.Score(points.AsSpan(i, dimension), row);
            for (int j = 0; j < dimension; j++) row[j] *= factor;
        }
        return noise;
    }
}
