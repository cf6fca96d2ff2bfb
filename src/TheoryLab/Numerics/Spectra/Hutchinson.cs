using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Numerics.Spectra;

/// <summary>
/// Hutchinson's estimator of tr A: vᵀAv averaged over random probes v with E[vvᵀ] = I (Rademacher here, whose
/// single-probe variance 2Σ_{i≠j} A_ij² is the least among such probes). Unbiased; its error falls as 1/√samples.
/// </summary>
public static class Hutchinson
{
    /// <summary>
    /// <paramref name="repeats"/> independent estimates of tr A, each the mean of <paramref name="samples"/> probes,
    /// summarised as their mean and spread.
    /// </summary>
    /// <param name="multiply">v ↦ Av.</param>
    /// <param name="dimension">n.</param>
    /// <param name="samples">Probes per estimate.</param>
    /// <param name="repeats">Independent estimates (their spread is the estimate's error; 1 gives no spread).</param>
    /// <param name="random">Source of the probes.</param>
    public static Spread Trace(Func<double[], double[]> multiply, int dimension, int samples, int repeats, Random random)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "at least one probe per estimate");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "at least one estimate");
        var estimates = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            double sum = 0;
            for (int s = 0; s < samples; s++)
            {
                var v = ProbeVectors.Rademacher(dimension, random);
                sum += Vectors.Dot(v, multiply(v));
            }
            estimates[r] = sum / samples;
        }
        return Spread.Of(estimates);
    }
}
