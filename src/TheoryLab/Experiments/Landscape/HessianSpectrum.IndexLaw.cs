using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// The index law of <see cref="HessianSpectrum"/>: α = α₀|(ε − ε_c)/ε_c|^p fitted per φ (p free and held at 3/2), with
/// profile intervals, once with one exponent for all φ, and on the free-sum prediction at the measured indices.
/// </summary>
public sealed partial class HessianSpectrum
{
    /// <summary>The law fitted at each φ, in increasing order, and once with one exponent shared by all (null when too few points).</summary>
    private sealed record IndexLaw(List<PhiLaw> Fits, IndexExponentProfile? Shared);

    /// <summary>
    /// The law at one φ, fitted to its converged critical points <paramref name="Points"/>: with p free, with p held at
    /// 3/2, p's profile interval, and (where p was fitted) the same fit on the free-sum prediction at their indices.
    /// </summary>
    /// <param name="LowestLoss">The lowest loss among <paramref name="Points"/> (NaN when there are none).</param>
    private sealed record PhiLaw(double Phi, List<MeasuredPoint> Points, IndexLawFit? Free, IndexLawFit? Held, IndexExponentProfile? Profile,
        IndexLawFit? FreeSum, double LowestLoss);

    private static IndexLaw FitIndexLaw(HessianSpectrumOptions o, double[] phis, List<MeasuredPoint> points)
    {
        var fits = new List<PhiLaw>();
        foreach (double phiOption in phis)
        {
            double phi = RealPhi(o.Width, Examples(o.Width, phiOption));
            var mine = points.Where(p => p.Phi == phi && p.Converged).ToList();
            var free = IndexLawFit.Fit([.. mine.Select(p => p.Loss)], [.. mine.Select(p => p.Index)]);
            var held = IndexLawFit.Fit([.. mine.Select(p => p.Loss)], [.. mine.Select(p => p.Index)], 1.5);
            double minimum = mine.Count > 0 ? mine.Min(p => p.Loss) : double.NaN;
            var profile = IndexExponentProfile.Of([LossesAndIndices(mine)]);
            fits.Add(new PhiLaw(phi, mine, free, held, profile, free is null ? null : FreeSumExponent(phi, mine), minimum));
        }
        // Pennington and Bahri's law has one exponent for every φ: fitted so, each φ keeping its own ε_c and α₀.
        return new IndexLaw(fits, IndexExponentProfile.Of([.. fits.Select(f => LossesAndIndices(f.Points))]));
    }

    private static (IReadOnlyList<double> Losses, IReadOnlyList<double> Indices) LossesAndIndices(List<MeasuredPoint> points) =>
        ([.. points.Select(p => p.Loss)], [.. points.Select(p => p.Index)]);

    /// <summary>The index-law fit of the free-sum prediction at the positive indices of <paramref name="points"/>; null for φ ≥ 1 or too few points.</summary>
    private static IndexLawFit? FreeSumExponent(double phi, List<MeasuredPoint> points)
    {
        if (phi >= 1) return null;
        var indices = points.Select(p => p.Index).Where(a => a > 0).ToArray();
        var losses = FreeSumIndex.LossesAt(phi, indices);
        var usable = Enumerable.Range(0, indices.Length).Where(i => !double.IsNaN(losses[i])).ToArray();
        return IndexLawFit.Fit([.. usable.Select(i => losses[i])], [.. usable.Select(i => indices[i])]);
    }
}
