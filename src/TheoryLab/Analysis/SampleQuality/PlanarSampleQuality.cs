using System.Numerics;
using TheoryLab.Data.Toy;

namespace TheoryLab.Analysis.SampleQuality;

/// <summary>
/// How samples in the plane measure up against a <see cref="PlanarMixture"/>, every number exact given the samples:
/// a sample is high-quality when it lies within <see cref="Radius"/> standard deviations of its nearest mode
/// (Srivastava et al. 2017 use 3σ), a mode is hit when at least <see cref="MinimumHits"/> high-quality samples are
/// nearest to it, and the mean log-density of the samples under the target says how much of the mass sits where the
/// target has it.
/// </summary>
/// <param name="ModesHit">Modes with at least <see cref="MinimumHits"/> high-quality samples.</param>
/// <param name="HighQualityFraction">Fraction of the samples within <see cref="Radius"/>σ of their nearest mode.</param>
/// <param name="MeanLogDensity">Mean of log p(x) over the samples, p the target's density.</param>
/// <param name="HitsPerMode">High-quality samples nearest to each mode, in the target's mode order.</param>
public sealed record PlanarSampleQuality(int ModesHit, double HighQualityFraction, double MeanLogDensity, int[] HitsPerMode, double Radius, int MinimumHits)
{
    /// <summary>Judges <paramref name="points"/> (interleaved x, y pairs, at least one point, in float or double) against <paramref name="target"/>.</summary>
    public static PlanarSampleQuality Of<T>(PlanarMixture target, IReadOnlyList<T> points, double radius = 3, int minimumHits = 1) where T : INumberBase<T>
    {
        if (points.Count < 2 || points.Count % 2 != 0) throw new ArgumentException($"need (x, y) pairs, got {points.Count} numbers", nameof(points));
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "the high-quality radius must be positive");
        if (minimumHits < 1) throw new ArgumentOutOfRangeException(nameof(minimumHits), minimumHits, "a mode is hit by at least one sample");
        int n = points.Count / 2;
        var hits = new int[target.Modes];
        int good = 0;
        double logDensity = 0;
        for (int i = 0; i < n; i++)
        {
            double x = double.CreateChecked(points[2 * i]), y = double.CreateChecked(points[2 * i + 1]);
            logDensity += target.LogDensity(x, y);
            if (target.StandardisedDistance(x, y) <= radius)
            {
                good++;
                hits[target.NearestMode(x, y)]++;
            }
        }
        return new PlanarSampleQuality(hits.Count(h => h >= minimumHits), (double)good / n, logDensity / n, hits, radius, minimumHits);
    }

    /// <summary>
    /// The fraction of the target's own samples within r σ of their mode, 1 − e^{−r²/2}: the distance of a 2-D standard
    /// normal from its mean is Rayleigh distributed. Exact for one mode; for a mixture it neglects the chance that a
    /// sample lands nearer another mode, which is below e^{−(gap/2σ)²/2} and so nothing for well-separated modes.
    /// </summary>
    public static double TargetHighQualityFraction(double radius) => 1 - Math.Exp(-radius * radius / 2);

    /// <summary>
    /// E log p(x) over a target of <paramref name="modes"/> modes of standard deviation <paramref name="sigma"/>, −log K − log(2πσ²) − 1 (minus its entropy) when its K modes do not overlap:
    /// each component contributes its own entropy log(2πeσ²) and the mixture label log K.
    /// </summary>
    public static double TargetMeanLogDensity(int modes, double sigma) => -Math.Log(modes) - Math.Log(2 * Math.PI * sigma * sigma) - 1;
}
