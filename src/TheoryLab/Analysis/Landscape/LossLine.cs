using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>The loss along straight lines in weight space: θ(α) = θ₀ + α d (Goodfellow et al. 2015; Li et al. 2018, Section 4).</summary>
public static class LossLine
{
    /// <summary>
    /// The measure at θ₀ + α d for each α in <paramref name="alphas"/>. The model's weights are restored to what they
    /// were before the call (batch-norm statistics stay those of the last point).
    /// </summary>
    public static PointMeasure[] Along(LandscapeProbe probe, Tensor origin, Tensor direction, IReadOnlyList<double> alphas, CancellationToken cancellation = default)
    {
        using var saved = probe.Weights.Flatten();
        try
        {
            var measures = new PointMeasure[alphas.Count];
            for (int i = 0; i < alphas.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                probe.Weights.Write(origin);
                probe.Weights.Add(direction, alphas[i]);
                measures[i] = probe.Measure();
            }
            return measures;
        }
        finally
        {
            probe.Weights.Write(saved);
        }
    }

    /// <summary>The measure at (1 − t) θ_a + t θ_b for each t in <paramref name="ts"/>: linear interpolation, extrapolated outside [0, 1].</summary>
    public static PointMeasure[] Between(LandscapeProbe probe, Tensor from, Tensor to, IReadOnlyList<double> ts, CancellationToken cancellation = default)
    {
        using var direction = to - from;
        return Along(probe, from, direction, ts, cancellation);
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
    public static double[] Evenly(double low, double high, int count) =>
        count < 2
            ? throw new ArgumentOutOfRangeException(nameof(count), count, "at least two points")
            : [.. Enumerable.Range(0, count).Select(i => low + (high - low) * i / (count - 1))];
}
