namespace TheoryLab.Numerics;

/// <summary>
/// Fisher's F distribution with d₁ and d₂ degrees of freedom: the law of a ratio of two independent χ² variables, each
/// over its degrees of freedom. It calibrates nested least-squares comparisons — a profile interval for one parameter
/// (d₁ = 1) or whether groups share a parameter (d₁ = the constraints added).
/// </summary>
public static class FisherF
{
    /// <summary>P(F ≤ x) = I_{d₁x/(d₁x + d₂)}(d₁/2, d₂/2).</summary>
    public static double Cdf(double x, double d1, double d2) =>
        x <= 0 ? 0 : SpecialFunctions.RegularizedIncompleteBeta(d1 / 2, d2 / 2, d1 * x / (d1 * x + d2));

    /// <summary>P(F &gt; x), the p-value of an observed ratio x.</summary>
    public static double Survival(double x, double d1, double d2) =>
        x <= 0 ? 1 : SpecialFunctions.RegularizedIncompleteBeta(d2 / 2, d1 / 2, d2 / (d1 * x + d2));

    /// <summary>The x with P(F ≤ x) = <paramref name="probability"/>, by Brent's method on the distribution function.</summary>
    public static double Quantile(double probability, double d1, double d2)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "an F quantile needs a probability in (0, 1).");
        double high = 1;
        while (Cdf(high, d1, d2) < probability) high *= 2;
        return Brent.FindRoot(x => Cdf(x, d1, d2) - probability, 0, high, 1e-12 * high);
    }
}
