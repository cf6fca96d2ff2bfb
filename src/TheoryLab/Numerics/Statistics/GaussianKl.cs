namespace TheoryLab.Numerics.Statistics;

/// <summary>
/// Kullback–Leibler divergences between Gaussians in closed form: what a variational autoencoder's KL term and its
/// checks against a known posterior need.
/// </summary>
public static class GaussianKl
{
    /// <summary>
    /// KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²) for σ² = exp(<paramref name="logVariance"/>), in nats
    /// (Kingma &amp; Welling 2014, Appendix B).
    /// </summary>
    public static double ToStandardNormal(double mean, double logVariance) =>
        0.5 * (mean * mean + Math.Exp(logVariance) - 1 - logVariance);

    /// <summary>KL(N(m₁, v₁) ‖ N(m₂, v₂)) = ½(log(v₂/v₁) + (v₁ + (m₁ − m₂)²)/v₂ − 1) for variances v₁, v₂ &gt; 0, in nats.</summary>
    public static double Between(double mean1, double variance1, double mean2, double variance2) =>
        0.5 * (Math.Log(variance2 / variance1) + (variance1 + (mean1 - mean2) * (mean1 - mean2)) / variance2 - 1);
}
