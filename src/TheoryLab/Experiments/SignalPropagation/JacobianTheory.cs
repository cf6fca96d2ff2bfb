using TheoryLab.Models.MeanField;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// What free probability predicts for <see cref="DynamicalIsometry"/>'s networks: their <paramref name="Spec"/> (at the
/// deepest depth), the depths measured, the spectra of JJᵀ there for these weights (<paramref name="Spectra"/>) and
/// for <paramref name="OtherWeights"/> (<paramref name="OtherSpectra"/>), depth by depth.
/// </summary>
public sealed record JacobianTheory(MlpSpec Spec, IReadOnlyList<int> Depths, JacobianSpectrum[] Spectra, WeightDistribution OtherWeights, JacobianSpectrum[] OtherSpectra)
{
    /// <summary>
    /// The density 2σρ(σ²) of the singular values of J at the deepest depth, at <paramref name="points"/> σ spanning its
    /// support: from where it first exceeds 10⁻³ of its peak on a coarse scan of (0, 1.02 σ_max] (an eighth as many
    /// points) to 1.02 σ_max, so a narrow spectrum near 1 is resolved. Points the continuation cannot reach (below the
    /// lower edge, or in the far tail) are left out; a point mass has no density, and gives none.
    /// <para>
    /// The points the continuation cannot reach cost most (each tries ever smaller steps before giving up): the coarse
    /// scan keeps them few, so that the explorer can draw the density as its sliders move.
    /// </para>
    /// </summary>
    public (double[] Sigma, double[] Density) SingularValueDensity(int points)
    {
        var deepest = Spectra[^1];
        if (deepest.IsPointMass) return ([], []);
        double top = Math.Sqrt(deepest.LargestEigenvalue) * 1.02;
        var scan = Grid(0, top, Math.Max(10, points / 8));
        var scanned = deepest.SingularValueDensity(scan);
        double peak = scanned.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        int first = Array.FindIndex(scanned, d => d > 1e-3 * peak);
        double bottom = first > 0 ? scan[first - 1] : 0;
        var sigma = Grid(bottom, top, points);
        var density = deepest.SingularValueDensity(sigma);
        var kept = Enumerable.Range(0, sigma.Length).Where(i => double.IsFinite(density[i])).ToArray();
        return ([.. kept.Select(i => sigma[i])], [.. kept.Select(i => density[i])]);
    }

    /// <summary><paramref name="points"/> values from just above <paramref name="from"/> to <paramref name="to"/>: σ = 0 itself, where ReLU's atom sits, is left out.</summary>
    private static double[] Grid(double from, double to, int points) => [.. Enumerable.Range(1, points).Select(k => from + (to - from) * k / points)];
}
