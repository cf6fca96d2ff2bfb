namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// The height of the loss barrier on a path between two solutions: the largest excess of the loss along the path over
/// the straight line between its end values, max_t [L(t) − ((1 − t) L(0) + t L(1))] (Frankle et al. 2020's definition;
/// Draxler et al. 2018 and Garipov et al. 2018 measure the same rise). It is 0 for a path whose loss never rises above
/// its ends' interpolation (the ends themselves count).
/// </summary>
public static class LossBarrier
{
    /// <summary>The barrier from losses measured at <paramref name="ts"/>, which must start at 0 and end at 1.</summary>
    public static double Height(IReadOnlyList<double> ts, IReadOnlyList<double> losses)
    {
        if (ts.Count != losses.Count || ts.Count < 2) throw new ArgumentException("need a loss at each of at least two t");
        if (ts[0] != 0 || ts[^1] != 1) throw new ArgumentException("the path must be sampled at t = 0 and t = 1", nameof(ts));
        double start = losses[0], end = losses[^1];
        return Enumerable.Range(0, ts.Count).Max(i => losses[i] - ((1 - ts[i]) * start + ts[i] * end));
    }
}
