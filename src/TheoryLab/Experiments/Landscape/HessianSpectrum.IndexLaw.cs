using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Spectra;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// The index law of <see cref="HessianSpectrum"/>: α = α₀|(ε − ε_c)/ε_c|^p fitted per φ (p free and held at 3/2), with
/// profile intervals, once with one exponent for all φ, and on the free-sum prediction at the measured indices.
/// </summary>
public sealed partial class HessianSpectrum
{
    /// <summary>The fits per φ, and the tables their figures draw: the curves on a loss grid and the reduced law.</summary>
    private sealed record IndexLaw(List<(double Phi, IndexLawFit? Free, IndexLawFit? Held, List<MeasuredPoint> Points)> Fits, Table Curves, Table Reduced);

    private static IndexLaw AddIndexLaw(ExperimentResult result, HessianSpectrumOptions o, double[] phis, List<MeasuredPoint> points)
    {
        var fits = new List<(double, IndexLawFit?, IndexLawFit?, List<MeasuredPoint>)>();
        var table = new Table("index-law");
        var rows = new List<(double Phi, double Theory, double Minimum, double Expected, IndexLawFit? Free, IndexLawFit? Held, IndexExponentProfile? Profile)>();
        foreach (double phiOption in phis)
        {
            double phi = RealPhi(o.Width, Examples(o.Width, phiOption));
            var mine = points.Where(p => p.Phi == phi && p.Converged).ToList();
            var free = IndexLawFit.Fit([.. mine.Select(p => p.Loss)], [.. mine.Select(p => p.Index)]);
            var held = IndexLawFit.Fit([.. mine.Select(p => p.Loss)], [.. mine.Select(p => p.Index)], 1.5);
            double minimum = mine.Count > 0 ? mine.Min(p => p.Loss) : double.NaN;
            var profile = IndexExponentProfile.Of([LossesAndIndices(mine)]);
            rows.Add((phi, phi < 1 ? FreeSumIndex.CriticalLoss(phi) : 0, minimum, 0.5 * Math.Pow(1 - Math.Min(phi, 1), 2), free, held, profile));
            fits.Add((phi, free, held, mine));
        }
        table.Add("phi", rows.Select(r => r.Phi))
            .Add("exponent", rows.Select(r => r.Free?.Exponent ?? double.NaN))
            .Add("exponent_lower_95", rows.Select(r => r.Profile?.Lower ?? double.NaN))
            .Add("exponent_upper_95", rows.Select(r => r.Profile?.Upper ?? double.NaN))
            .Add("critical_loss_fitted", rows.Select(r => r.Free?.CriticalLoss ?? double.NaN))
            .Add("amplitude_fitted", rows.Select(r => r.Free?.Amplitude ?? double.NaN))
            .Add("critical_loss_fitted_p15", rows.Select(r => r.Held?.CriticalLoss ?? double.NaN))
            .Add("amplitude_fitted_p15", rows.Select(r => r.Held?.Amplitude ?? double.NaN))
            .Add("critical_loss_theory", rows.Select(r => r.Theory))
            .Add("lowest_critical_loss", rows.Select(r => r.Minimum))
            .Add("half_one_minus_phi_squared", rows.Select(r => r.Expected))
            .Add("points_with_negative_eigenvalues", rows.Select(r => (double)(r.Free?.Points ?? 0)));
        result.Add(table);

        for (int k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            if (r.Free is { } free)
            {
                result.Add(new Finding($"index_exponent_phi{k + 1}", free.Exponent, "1",
                    $"Fitted p of α = α₀|(ε − ε_c)/ε_c|^p at φ = {r.Phi:G3} (ε_c = {free.CriticalLoss:G3} and α₀ = {free.Amplitude:G3} fitted alongside, {free.Points} critical points with α > 0){IntervalText(r.Profile)}.",
                    1.5, "pennington2017geometry: α ≈ α₀(φ)|(ε − ε_c)/ε_c|^{3/2}"));
                if (FreeSumExponent(r.Phi, fits[k].Item4) is { } theory)
                {
                    // A theory value with no independent expectation: the paper's 3/2 holds only as α → 0, and the run's own
                    // fit is what it is compared with, not where it comes from; so it carries none, and names both.
                    result.Add(new Finding($"index_exponent_free_sum_phi{k + 1}", theory.Exponent, "1",
                        $"The same fit on Pennington and Bahri's own free-sum prediction α(ε), at the {theory.Points} indices measured at φ = {r.Phi:G3}: the exponent the theory itself shows over the index range these critical points span, to set beside the measured index_exponent_phi{k + 1} = {free.Exponent:G3} (the paper's 3/2 holds only as α → 0)."));
                }
            }
            if (r.Held is { } held)
            {
                result.Add(new Finding($"critical_loss_phi{k + 1}", held.CriticalLoss, "1",
                    $"ε_c fitted with p held at 3/2, at φ = {r.Phi:G3}; beside it Pennington and Bahri's random-matrix value for the free sum in H₀'s units.",
                    r.Theory, "pennington2017geometry: ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16"));
            }
            result.Add(new Finding($"lowest_loss_phi{k + 1}", r.Minimum, "1",
                $"Lowest loss among critical points found at φ = {r.Phi:G3} (the minimisers' loss).",
                r.Expected, "pennington2017geometry: minimisers' loss observed near ½(1 − φ)²"));
        }
        var exponents = rows.Where(r => r.Free is not null).Select(r => r.Free!.Exponent).ToArray();
        if (exponents.Length > 0)
        {
            result.Add(new Finding("index_exponent_mean", exponents.Average(), "1",
                "Mean over φ of the fitted index exponent p.", 1.5, "pennington2017geometry"));
        }
        AddSharedExponent(result, [.. fits.Select(f => f.Item4)]);

        // The fitted and theory curves, on a common loss grid per φ, for the figure.
        var curves = new Table("index-law-curves");
        double top = points.Max(p => p.Loss);
        var grid = Enumerable.Range(0, DensityPoints).Select(i => top * (i + 0.5) / DensityPoints).ToArray();
        curves.Add("loss", grid);
        for (int k = 0; k < fits.Count; k++)
        {
            var (phi, free, _, _) = fits[k];
            curves.Add($"fit_phi{k + 1}", grid.Select(e => free?.Index(e) ?? double.NaN));
            curves.Add($"theory_phi{k + 1}", grid.Select(e => FreeSumIndex.At(phi, e)));
        }
        result.Add(curves);

        // α against the reduced loss on log–log axes: a slope-3/2 line, and the points above their fitted ε_c.
        var reduced = new List<(double X, double Y, int K)>();
        for (int k = 0; k < fits.Count; k++)
        {
            if (fits[k].Item2 is not { } free) continue;
            reduced.AddRange(fits[k].Item4.Where(p => p.Index > 0).Select(p => ((p.Loss - free.CriticalLoss) / free.CriticalLoss, p.Index / free.Amplitude, k)));
        }
        var law = new Table("index-law-reduced")
            .Add("reduced_loss", reduced.Select(r => r.X))
            .Add("reduced_index", reduced.Select(r => r.Y))
            .Add("phi_rank", reduced.Select(r => (double)r.K + 1))
            .Add("three_halves", reduced.Select(r => Math.Pow(r.X, 1.5)));
        result.Add(law);
        return new IndexLaw(fits, curves, law);
    }

    /// <summary>
    /// Pennington and Bahri's law has one exponent for every φ: fitted so, each φ keeping its own ε_c and α₀, with a
    /// profile interval, and with the F test of whether the φ share an exponent at all (if not, the shared one is only
    /// an average).
    /// </summary>
    private static void AddSharedExponent(ExperimentResult result, List<List<MeasuredPoint>> groups)
    {
        if (IndexExponentProfile.Of([.. groups.Select(LossesAndIndices)]) is not { } profile) return;
        result.Add(new Finding("index_exponent_shared", profile.Exponent, "1",
            $"p of α = α₀|(ε − ε_c)/ε_c|^p fitted once for all {profile.Groups} φ ({profile.Points} critical points with α > 0), each φ with its own ε_c and α₀{IntervalText(profile)}.",
            1.5, "pennington2017geometry: one exponent, 3/2, for every φ"));
        result.Add(new Finding("index_exponent_shared_lower", profile.Lower, "1",
            $"Lower end of the shared exponent's {profile.Level:P0} profile interval (F-calibrated; {IndexExponentProfile.SearchLow} means the search's edge)."));
        result.Add(new Finding("index_exponent_shared_upper", profile.Upper, "1",
            $"Upper end of the shared exponent's {profile.Level:P0} profile interval (F-calibrated; {IndexExponentProfile.SearchHigh} means the search's edge)."));
        if (!double.IsNaN(profile.SharedExponentPValue))
        {
            result.Add(new Finding("index_exponent_shared_p_value", profile.SharedExponentPValue, "1",
                "F test of one exponent per φ against one shared exponent: the chance of the φ disagreeing this much if they shared one. Below 0.05 the φ do not follow one law, and the shared exponent is only their average."));
        }
    }

    private static (IReadOnlyList<double> Losses, IReadOnlyList<double> Indices) LossesAndIndices(List<MeasuredPoint> points) =>
        ([.. points.Select(p => p.Loss)], [.. points.Select(p => p.Index)]);

    private static string IntervalText(IndexExponentProfile? profile) =>
        profile is null ? "" : $"; {profile.Level:P0} profile interval [{profile.Lower:F2}, {profile.Upper:F2}]";

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
