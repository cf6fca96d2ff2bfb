namespace TheoryLab.Numerics.Diffusion;

/// <summary>
/// The forward (noising) process of a denoising diffusion model (Sohl-Dickstein et al. 2015; Ho et al. 2020):
/// q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I) for t = 1..T, and what follows from it in closed form. With
/// α_t = 1 − β_t and ᾱ_t = Π_{s≤t} α_s, the marginal is q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I), and the posterior
/// q(x_{t−1} | x_t, x_0) = N(μ̃_t, β̃_t I) with μ̃_t = (√ᾱ_{t−1} β_t x_0 + √α_t (1 − ᾱ_{t−1}) x_t)/(1 − ᾱ_t) and
/// β̃_t = (1 − ᾱ_{t−1}) β_t / (1 − ᾱ_t). Steps are numbered 1..T; step 0 is the data (ᾱ_0 = 1).
/// </summary>
public sealed class NoiseSchedule
{
    private readonly double[] betas;
    private readonly double[] alphaBars;

    /// <param name="betas">β_1 … β_T, each in (0, 1).</param>
    public NoiseSchedule(IReadOnlyList<double> betas)
    {
        if (betas.Count < 1) throw new TheoryLabException("a noise schedule needs at least one step.");
        if (betas.Any(b => !(b > 0 && b < 1))) throw new TheoryLabException("every β_t of a noise schedule must lie strictly between 0 and 1.");
        this.betas = [0, .. betas];
        alphaBars = new double[betas.Count + 1];
        alphaBars[0] = 1;
        for (int t = 1; t <= betas.Count; t++) alphaBars[t] = alphaBars[t - 1] * (1 - this.betas[t]);
    }

    /// <summary>Ho et al.'s schedule: β_t rising linearly from <paramref name="first"/> at t = 1 to <paramref name="last"/> at t = T.</summary>
    public static NoiseSchedule Linear(int steps = 1000, double first = 1e-4, double last = 0.02)
    {
        if (steps < 1) throw new TheoryLabException($"a noise schedule of {steps} steps; give at least 1.");
        if (!(first > 0 && last < 1 && first <= last)) throw new TheoryLabException($"β from {first} to {last}: give 0 < first ≤ last < 1.");
        return new([.. Enumerable.Range(0, steps).Select(i => steps == 1 ? first : first + (last - first) * i / (steps - 1))]);
    }

    /// <summary>T, the number of noising steps.</summary>
    public int Steps => betas.Length - 1;

    public double Beta(int t) => betas[Check(t, 1)];

    /// <summary>ᾱ_t = Π_{s≤t} (1 − β_s), with ᾱ_0 = 1.</summary>
    public double AlphaBar(int t) => alphaBars[Check(t, 0)];

    /// <summary>√ᾱ_t, what x_0 is scaled by in q(x_t | x_0).</summary>
    public double SignalScale(int t) => Math.Sqrt(AlphaBar(t));

    /// <summary>√(1 − ᾱ_t), the standard deviation of the noise in q(x_t | x_0).</summary>
    public double NoiseScale(int t) => Math.Sqrt(1 - AlphaBar(t));

    /// <summary>β̃_t, the variance of q(x_{t−1} | x_t, x_0); 0 at t = 1, where x_0 is known.</summary>
    public double PosteriorVariance(int t) => (1 - AlphaBar(t - 1)) * Beta(t) / (1 - AlphaBar(t));

    /// <summary>The weights of x_0 and x_t in the posterior mean μ̃_t.</summary>
    public (double OfStart, double OfCurrent) PosteriorMeanWeights(int t)
    {
        double denominator = 1 - AlphaBar(t);
        return (Math.Sqrt(AlphaBar(t - 1)) * Beta(t) / denominator, Math.Sqrt(1 - Beta(t)) * (1 - AlphaBar(t - 1)) / denominator);
    }

    private int Check(int t, int lowest) =>
        t >= lowest && t <= Steps ? t : throw new ArgumentOutOfRangeException(nameof(t), t, $"steps run from {lowest} to {Steps}");
}
