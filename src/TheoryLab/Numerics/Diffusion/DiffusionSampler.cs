using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Numerics.Diffusion;

/// <summary>
/// A model's prediction of the noise ε in x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, for a batch of points (rows of
/// <paramref name="dimension"/> numbers, one after the other) at step t.
/// </summary>
public delegate double[] NoisePrediction(double[] points, int dimension, int t);

/// <summary>
/// Reverse-process sampling from a noise predictor on a subsequence τ_1 &lt; … &lt; τ_S of the steps, by the
/// generalised update of Song, Meng &amp; Ermon (2021, eq. 12): x̂_0 = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t, then
/// x_s = √ᾱ_s x̂_0 + √(1 − ᾱ_s − σ²) ε̂ + σ z with σ = η √((1 − ᾱ_s)/(1 − ᾱ_t)) √(1 − ᾱ_t/ᾱ_s) for the previous step s.
/// η = 0 is DDIM, deterministic given x_T; η = 1 with every step is DDPM's ancestral sampler with σ_t² = β̃_t, the
/// posterior variance, and with fewer steps the same sampler on the respaced chain. For data in a known range, x̂_0 may
/// be clipped to it at every step, as Ho et al.'s code does for images, and ε̂ recomputed from the clipped x̂_0 so that
/// the update stays the posterior mean μ̃_t(x_t, x̂_0).
/// </summary>
public static class DiffusionSampler
{
    /// <summary>τ_i = round(i T / S) for i = 1..S: S steps spread evenly over 1..T, the last being T.</summary>
    public static int[] Timesteps(int total, int steps)
    {
        if (steps < 1 || steps > total) throw new TheoryLabException($"{steps} sampling steps of a {total}-step process; give 1 to {total}.");
        return [.. Enumerable.Range(1, steps).Select(i => (int)Math.Round((double)i * total / steps)).Distinct()];
    }

    /// <summary>
    /// <paramref name="count"/> points drawn by starting at x_T ~ N(0, I) and stepping down the timesteps of
    /// <see cref="Timesteps"/>; every draw (the start and the fresh noise of each step) comes from <paramref name="random"/>.
    /// </summary>
    public static double[] Sample(NoiseSchedule schedule, NoisePrediction predictNoise, int count, int dimension, int steps, double eta,
        Random random, double? clip = null, CancellationToken cancellation = default)
    {
        var normal = new NormalDraws(random);
        var x = new double[count * dimension];
        for (int i = 0; i < x.Length; i++) x[i] = normal.Next();
        var taus = Timesteps(schedule.Steps, steps);
        var noise = new double[x.Length];
        for (int i = taus.Length - 1; i >= 0; i--)
        {
            cancellation.ThrowIfCancellationRequested();
            int t = taus[i], previous = i == 0 ? 0 : taus[i - 1];
            var predicted = predictNoise(x, dimension, t);
            if (eta > 0 && previous > 0)
                for (int j = 0; j < noise.Length; j++) noise[j] = normal.Next();
            x = Step(schedule, x, predicted, t, previous, eta, noise, clip);
        }
        return x;
    }

    /// <summary>
    /// The update from step t to step <paramref name="previous"/> &lt; t (0 for the data), given ε̂ and the fresh noise z
    /// it uses when σ &gt; 0; with <paramref name="clip"/>, x̂_0 is clipped to [−clip, clip].
    /// </summary>
    public static double[] Step(NoiseSchedule schedule, double[] x, double[] predictedNoise, int t, int previous, double eta, double[] noise, double? clip = null)
    {
        double alphaBar = schedule.AlphaBar(t), alphaBarPrevious = schedule.AlphaBar(previous);
        double sigma = StepDeviation(schedule, t, previous, eta);
        double signal = Math.Sqrt(alphaBarPrevious), direction = Math.Sqrt(Math.Max(0, 1 - alphaBarPrevious - sigma * sigma));
        double noiseScale = Math.Sqrt(1 - alphaBar), inverseSignal = 1 / Math.Sqrt(alphaBar);
        var next = new double[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            double epsilon = predictedNoise[j], start = (x[j] - noiseScale * epsilon) * inverseSignal;
            if (clip is { } bound && Math.Abs(start) > bound)
            {
                start = Math.Clamp(start, -bound, bound);
                epsilon = (x[j] - start / inverseSignal) / noiseScale;
            }
            next[j] = signal * start + direction * epsilon + (sigma > 0 ? sigma * noise[j] : 0);
        }
        return next;
    }

    /// <summary>σ of the step from t to <paramref name="previous"/>; with η = 1 and previous = t − 1 it is √β̃_t.</summary>
    public static double StepDeviation(NoiseSchedule schedule, int t, int previous, double eta)
    {
        double alphaBar = schedule.AlphaBar(t), alphaBarPrevious = schedule.AlphaBar(previous);
        return eta * Math.Sqrt((1 - alphaBarPrevious) / (1 - alphaBar) * (1 - alphaBar / alphaBarPrevious));
    }
}
