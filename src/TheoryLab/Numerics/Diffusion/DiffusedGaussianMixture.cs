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

    /// <summary>log q_t(x) of one point.</summary>
    public double LogDensity(ReadOnlySpan<double> x, int t)
    {
        double v = ModeVariance(t);
        Span<double> exponents = stackalloc double[means.Length];
        double largest = Exponents(x, t, v, exponents);
        double sum = 0;
        foreach (double e in exponents) sum += Math.Exp(e - largest);
        return largest + Math.Log(sum / means.Length) - 0.5 * Dimension * Math.Log(2 * Math.PI * v);
    }

    /// <summary>∇ log q_t at one point, written to <paramref name="score"/>.</summary>
    public void Score(ReadOnlySpan<double> x, int t, Span<double> score)
    {
        double v = ModeVariance(t), scale = Schedule.SignalScale(t);
        Span<double> weights = stackalloc double[means.Length];
        double largest = Exponents(x, t, v, weights);
        double total = 0;
        for (int k = 0; k < weights.Length; k++) total += weights[k] = Math.Exp(weights[k] - largest);
        score.Clear();
        for (int k = 0; k < means.Length; k++)
            for (int j = 0; j < Dimension; j++) score[j] -= weights[k] / total * (x[j] - scale * means[k][j]) / v;
    }

    /// <summary>ε*(x_t, t) = −√(1 − ᾱ_t) ∇ log q_t(x_t) for a batch of points (rows one after the other); a <see cref="NoisePrediction"/>.</summary>
    public double[] OptimalNoise(double[] points, int dimension, int t)
    {
        if (dimension != Dimension) throw new TheoryLabException($"points of dimension {dimension} for a mixture in {Dimension}.");
        var noise = new double[points.Length];
        double factor = -Schedule.NoiseScale(t);
        for (int i = 0; i < points.Length; i += dimension)
        {
            var row = noise.AsSpan(i, dimension);
            Score(points.AsSpan(i, dimension), t, row);
            for (int j = 0; j < dimension; j++) row[j] *= factor;
        }
        return noise;
    }

    /// <summary>The exponents −‖x − √ᾱ_t μ_k‖²/(2v) of the modes, and the largest of them.</summary>
    private double Exponents(ReadOnlySpan<double> x, int t, double v, Span<double> exponents)
    {
        if (x.Length != Dimension) throw new TheoryLabException($"a point of dimension {x.Length} for a mixture in {Dimension}.");
        double scale = Schedule.SignalScale(t), largest = double.NegativeInfinity;
        for (int k = 0; k < means.Length; k++)
        {
            double squared = 0;
            for (int j = 0; j < Dimension; j++)
            {
                double difference = x[j] - scale * means[k][j];
                squared += difference * difference;
            }
            exponents[k] = -squared / (2 * v);
            largest = Math.Max(largest, exponents[k]);
        }
        return largest;
    }
}
