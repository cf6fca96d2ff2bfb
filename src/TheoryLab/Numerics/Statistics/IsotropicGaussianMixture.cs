namespace TheoryLab.Numerics.Statistics;

/// <summary>
/// An equal-weight mixture of isotropic Gaussians N(μ_k, vI) in any dimension: its log-density and its score, both
/// through the log-sum-exp shift so that a point far from every mode gives a finite logarithm and well-defined weights.
/// The 2-D targets of the generative experiments and a diffusion model's noised marginals are both such mixtures.
/// </summary>
public sealed class IsotropicGaussianMixture
{
    private readonly double[][] means;

    /// <param name="means">μ_1 … μ_K, each of the same dimension.</param>
    /// <param name="variance">v, the variance of every mode along every axis; 0 only where no density is asked of it.</param>
    public IsotropicGaussianMixture(IReadOnlyList<double[]> means, double variance)
    {
        if (means.Count < 1) throw new TheoryLabException("a mixture needs at least one mode.");
        if (means.Any(m => m.Length != means[0].Length)) throw new TheoryLabException("every mode of a mixture needs the same dimension.");
        if (!(variance >= 0) || double.IsInfinity(variance)) throw new TheoryLabException($"mode variance {variance}; give a finite v ≥ 0.");
        this.means = [.. means.Select(m => m.ToArray())];
        Variance = variance;
    }

    public double Variance { get; }
    public int Dimension => means[0].Length;
    public int Modes => means.Length;

    /// <summary>log p(x) of one point.</summary>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        Span<double> exponents = stackalloc double[means.Length];
        double largest = Exponents(x, exponents);
        double sum = 0;
        foreach (double e in exponents) sum += Math.Exp(e - largest);
        return largest + Math.Log(sum) - Math.Log(means.Length) - 0.5 * Dimension * Math.Log(2 * Math.PI * Variance);
    }

    /// <summary>∇ log p at one point, −Σ_k w_k(x)(x − μ_k)/v with w_k the posterior weights of the modes, written to <paramref name="score"/>.</summary>
    public void Score(ReadOnlySpan<double> x, Span<double> score)
    {
        Span<double> weights = stackalloc double[means.Length];
        double largest = Exponents(x, weights);
        double total = 0;
        for (int k = 0; k < weights.Length; k++) total += weights[k] = Math.Exp(weights[k] - largest);
        score.Clear();
        for (int k = 0; k < means.Length; k++)
            for (int j = 0; j < Dimension; j++) score[j] -= weights[k] / total * (x[j] - means[k][j]) / Variance;
    }

    /// <summary>The exponents −‖x − μ_k‖²/(2v) of the modes, and the largest of them.</summary>
    private double Exponents(ReadOnlySpan<double> x, Span<double> exponents)
    {
        if (x.Length != Dimension) throw new TheoryLabException($"a point of dimension {x.Length} for a mixture in {Dimension}.");
        double largest = double.NegativeInfinity;
        for (int k = 0; k < means.Length; k++)
        {
            double squared = 0;
            for (int j = 0; j < Dimension; j++)
            {
                double difference = x[j] - means[k][j];
                squared += difference * difference;
            }
            exponents[k] = -squared / (2 * Variance);
            largest = Math.Max(largest, exponents[k]);
        }
        return largest;
    }
}
