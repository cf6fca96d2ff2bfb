using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Spectra;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// How <see cref="HessianSpectrum"/> shows its <see cref="Measurement"/>: the critical points, the index law with its
/// fitted and theory curves, the spectra of three critical points against theory, the spectrum along training, the
/// findings and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class HessianSpectrum
{
    private const int HistogramBins = 40;
    private const int DensityPoints = 200;

    /// <summary>The columns of every table; a column of one φ (by rank), chosen point or training step is named by its number from 1.</summary>
    private static class Columns
    {
        public static readonly Column Phi = new("phi");
        public static readonly Column Training = new("training");
        public static readonly Column StartStep = new("start_step");
        public static readonly Column Loss = new("loss");
        public static readonly Column Index = new("index");
        public static readonly Column GradientNorm = new("gradient_norm");
        public static readonly Column Converged = new("converged");
        public static readonly Column GaussNewtonScale = new("h0_mean_eigenvalue");
        public static readonly Column WignerVariance = new("h1_variance");
        public static readonly Column WignerVarianceOverTwoLosses = new("h1_variance_over_2eps");
        public static readonly Column IndexTheory = new("index_theory");
        public static readonly Column IndexTheoryMeasuredVariance = new("index_theory_measured_h1");

        public static readonly Column Exponent = new("exponent");
        public static readonly Column ExponentLower = new("exponent_lower_95");
        public static readonly Column ExponentUpper = new("exponent_upper_95");
        public static readonly Column CriticalLossFitted = new("critical_loss_fitted");
        public static readonly Column AmplitudeFitted = new("amplitude_fitted");
        public static readonly Column CriticalLossHeld = new("critical_loss_fitted_p15");
        public static readonly Column AmplitudeHeld = new("amplitude_fitted_p15");
        public static readonly Column CriticalLossTheory = new("critical_loss_theory");
        public static readonly Column LowestCriticalLoss = new("lowest_critical_loss");
        public static readonly Column ExpectedLowestLoss = new("half_one_minus_phi_squared");
        public static readonly Column PointsWithNegativeEigenvalues = new("points_with_negative_eigenvalues");
        public static readonly Column ReducedLoss = new("reduced_loss");
        public static readonly Column ReducedIndex = new("reduced_index");
        public static readonly Column PhiRank = new("phi_rank");
        public static readonly Column ThreeHalves = new("three_halves");

        public static readonly Column Eigenvalue = new("eigenvalue");
        public static readonly Column Step = new("step");
        public static readonly Column StepPlusOne = new("step_plus_one");
        public static readonly Column TopEigenvalue = new("top_eigenvalue");
        public static readonly Column TopEigenvalueLanczos = new("top_eigenvalue_lanczos");
        public static readonly Column TopEigenvalueLanczosSpread = new("top_eigenvalue_lanczos_sd");
        public static readonly Column IndexSlq = new("index_slq");
        public static readonly Column IndexSlqSpread = new("index_slq_sd");

        public static Column FitAt(int phi) => new($"fit_phi{phi}");
        public static Column TheoryAt(int phi) => new($"theory_phi{phi}");
        public static Column LossAt(int phi) => new($"loss_phi{phi}");
        public static Column IndexAt(int phi) => new($"index_phi{phi}");
        public static Column Density(int point) => new($"density_{point}");
        public static Column GaussNewtonDensity(int point) => new($"gauss_newton_density_{point}");
        public static Column Theory(int point) => new($"theory_{point}");
        public static Column MarchenkoPastur(int point) => new($"marchenko_pastur_{point}");
        public static Column Slq(int step) => new($"slq_{step}");
        public static Column Exact(int step) => new($"exact_{step}");
    }

    private static ExperimentResult Present(HessianSpectrumOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        AddCriticalPoints(result, measured.Points);
        var (curves, reduced) = AddIndexLaw(result, measured.Law, measured.Points, o.GradientTolerance);
        var spectra = AddSpectra(result, o, measured.Phis[measured.Phis.Length / 2], measured.Points);
        var density = AddEvolution(result, measured.Evolution);
        AddFigures(result, o, measured.Phis, measured.Law, curves, reduced, spectra, measured.Evolution, density);
        return result;
    }

    private static void AddCriticalPoints(ExperimentResult result, List<MeasuredPoint> points)
    {
        result.Add(new Table("critical-points")
            .Add(Columns.Phi, points.Select(p => p.Phi))
            .Add(Columns.Training, points.Select(p => (double)p.Training))
            .Add(Columns.StartStep, points.Select(p => (double)p.Start))
            .Add(Columns.Loss, points.Select(p => p.Loss))
            .Add(Columns.Index, points.Select(p => p.Index))
            .Add(Columns.GradientNorm, points.Select(p => p.GradientNorm))
            .Add(Columns.Converged, points.Select(p => p.Converged ? 1.0 : 0.0))
            .Add(Columns.GaussNewtonScale, points.Select(p => p.GaussNewtonScale))
            .Add(Columns.WignerVariance, points.Select(p => p.WignerVariance))
            .Add(Columns.WignerVarianceOverTwoLosses, points.Select(p => p.WignerVariance / (2 * p.Loss)))
            .Add(Columns.IndexTheory, points.Select(p => p.TheoryIndex))
            .Add(Columns.IndexTheoryMeasuredVariance, points.Select(p => p.MeasuredVarianceIndex)));
        double converged = points.Count(p => p.Converged) / (double)points.Count;
        result.Add(new Finding("converged_fraction", converged, "1",
            "Fraction of critical-point searches that reached ‖∇ε‖ below the tolerance; the rest ended in gradient-flat regions or ran out of steps and are left out of every fit."));
        var good = points.Where(p => p.Converged).ToList();
        var ratios = good.Select(p => p.WignerVariance / (2 * p.Loss)).Order().ToArray();
        if (ratios.Length > 0)
        {
            result.Add(new Finding("h1_variance_over_2eps_median", ratios[ratios.Length / 2], "1",
                "Median over critical points of the measured variance of H₁ (tr H₁²/n, in units of H₀'s mean eigenvalue squared) over the model's 2ε.",
                1, "pennington2017geometry: H₁ is modelled as Wigner with variance 2ε in these units"));
        }
    }

    /// <summary>The law's fits per φ beside the random-matrix values, their findings, and the shared exponent's.</summary>
    /// <returns>The tables the law's figures draw: the fitted and theory curves on a loss grid, and the reduced law.</returns>
    private static (Table Curves, Table Reduced) AddIndexLaw(ExperimentResult result, IndexLaw law, List<MeasuredPoint> points, double gradientTolerance)
    {
        var fits = law.Fits;
        var theory = fits.Select(f => f.Phi < 1 ? FreeSumIndex.CriticalLoss(f.Phi) : 0).ToArray();
        var expected = fits.Select(f => 0.5 * Math.Pow(1 - Math.Min(f.Phi, 1), 2)).ToArray();
        result.Add(new Table("index-law")
            .Add(Columns.Phi, fits.Select(f => f.Phi))
            .Add(Columns.Exponent, fits.Select(f => f.Free?.Exponent ?? double.NaN))
            .Add(Columns.ExponentLower, fits.Select(f => f.Profile?.Lower ?? double.NaN))
            .Add(Columns.ExponentUpper, fits.Select(f => f.Profile?.Upper ?? double.NaN))
            .Add(Columns.CriticalLossFitted, fits.Select(f => f.Free?.CriticalLoss ?? double.NaN))
            .Add(Columns.AmplitudeFitted, fits.Select(f => f.Free?.Amplitude ?? double.NaN))
            .Add(Columns.CriticalLossHeld, fits.Select(f => f.Held?.CriticalLoss ?? double.NaN))
            .Add(Columns.AmplitudeHeld, fits.Select(f => f.Held?.Amplitude ?? double.NaN))
            .Add(Columns.CriticalLossTheory, theory)
            .Add(Columns.LowestCriticalLoss, fits.Select(f => f.LowestLoss))
            .Add(Columns.ExpectedLowestLoss, expected)
            .Add(Columns.PointsWithNegativeEigenvalues, fits.Select(f => (double)(f.Free?.Points ?? 0))));

        for (int k = 0; k < fits.Count; k++)
        {
            var f = fits[k];
            if (f.Free is { } free)
            {
                result.Add(new Finding($"index_exponent_phi{k + 1}", free.Exponent, "1",
                    $"Fitted p of α = α₀|(ε − ε_c)/ε_c|^p at φ = {f.Phi:G3} (ε_c = {free.CriticalLoss:G3} and α₀ = {free.Amplitude:G3} fitted alongside, {free.Points} critical points with α > 0){IntervalText(f.Profile)}.",
                    1.5, "pennington2017geometry: α ≈ α₀(φ)|(ε − ε_c)/ε_c|^{3/2}"));
                if (f.FreeSum is { } freeSum)
                {
                    // A theory value with no independent expectation: the paper's 3/2 holds only as α → 0, and the run's own
                    // fit is what it is compared with, not where it comes from; so it carries none, and names both.
                    result.Add(new Finding($"index_exponent_free_sum_phi{k + 1}", freeSum.Exponent, "1",
                        $"The same fit on Pennington and Bahri's own free-sum prediction α(ε), at the {freeSum.Points} indices measured at φ = {f.Phi:G3}: the exponent the theory itself shows over the index range these critical points span, to set beside the measured index_exponent_phi{k + 1} = {free.Exponent:G3} (the paper's 3/2 holds only as α → 0)."));
                }
            }
            if (f.Held is { } held)
            {
                result.Add(new Finding($"critical_loss_phi{k + 1}", held.CriticalLoss, "1",
                    $"ε_c fitted with p held at 3/2, at φ = {f.Phi:G3}; beside it Pennington and Bahri's random-matrix value for the free sum in H₀'s units.",
                    theory[k], "pennington2017geometry: ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16"));
            }
            string lowest = $"lowest_loss_phi{k + 1}";
            result.Add(double.IsNaN(f.LowestLoss)
                ? Finding.NotReached(lowest, "1", $"Lowest loss among critical points found at φ = {f.Phi:G3}: no search there reached the gradient tolerance {NumberText.Prose(gradientTolerance)}, so there is no critical point to report; loosen gradient_tolerance or allow more newton_steps.")
                : new Finding(lowest, f.LowestLoss, "1",
                    $"Lowest loss among critical points found at φ = {f.Phi:G3} (the minimisers' loss).",
                    expected[k], "pennington2017geometry: minimisers' loss observed near ½(1 − φ)²"));
        }
        var exponents = fits.Where(f => f.Free is not null).Select(f => f.Free!.Exponent).ToArray();
        if (exponents.Length > 0)
        {
            result.Add(new Finding("index_exponent_mean", exponents.Average(), "1",
                "Mean over φ of the fitted index exponent p.", 1.5, "pennington2017geometry"));
        }
        if (law.Shared is { } shared) AddSharedExponent(result, shared);

        // The fitted and theory curves, on a common loss grid per φ, for the figure.
        var curves = new Table("index-law-curves");
        double top = points.Max(p => p.Loss);
        var grid = Enumerable.Range(0, DensityPoints).Select(i => top * (i + 0.5) / DensityPoints).ToArray();
        curves.Add(Columns.Loss, grid);
        for (int k = 0; k < fits.Count; k++)
        {
            var (phi, free) = (fits[k].Phi, fits[k].Free);
            curves.Add(Columns.FitAt(k + 1), grid.Select(e => free?.Index(e) ?? double.NaN));
            curves.Add(Columns.TheoryAt(k + 1), grid.Select(e => FreeSumIndex.At(phi, e)));
        }
        result.Add(curves);

        // α against the reduced loss on log–log axes: a slope-3/2 line, and the points above their fitted ε_c.
        var reduced = new List<(double X, double Y, int K)>();
        for (int k = 0; k < fits.Count; k++)
        {
            if (fits[k].Free is not { } free) continue;
            reduced.AddRange(fits[k].Points.Where(p => p.Index > 0).Select(p => ((p.Loss - free.CriticalLoss) / free.CriticalLoss, p.Index / free.Amplitude, k)));
        }
        var reducedTable = new Table("index-law-reduced")
            .Add(Columns.ReducedLoss, reduced.Select(r => r.X))
            .Add(Columns.ReducedIndex, reduced.Select(r => r.Y))
            .Add(Columns.PhiRank, reduced.Select(r => (double)r.K + 1))
            .Add(Columns.ThreeHalves, reduced.Select(r => Math.Pow(r.X, 1.5)));
        result.Add(reducedTable);
        return (curves, reducedTable);
    }

    /// <summary>
    /// The exponent shared by every φ, each keeping its own ε_c and α₀, with its profile interval and the F test of
    /// whether the φ share an exponent at all (if not, the shared one is only an average).
    /// </summary>
    private static void AddSharedExponent(ExperimentResult result, IndexExponentProfile profile)
    {
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

    private static string IntervalText(IndexExponentProfile? profile) =>
        profile is null ? "" : $"; {profile.Level:P0} profile interval [{profile.Lower:F2}, {profile.Upper:F2}]";

    /// <summary>The tables of the spectra figure, histograms and theory densities, and the critical points they show.</summary>
    private sealed record SpectraTables(Table Histograms, Table Theory, MeasuredPoint[] Chosen);

    /// <summary>
    /// Spectra of three converged critical points of the middle φ (lowest, middle and highest loss) against theory;
    /// null when no search at that φ converged.
    /// </summary>
    private static SpectraTables? AddSpectra(ExperimentResult result, HessianSpectrumOptions o, double phiOption, List<MeasuredPoint> points)
    {
        double phi = RealPhi(o.Width, Examples(o.Width, phiOption));
        var candidates = points.Where(p => p.Phi == phi && p.Converged).OrderBy(p => p.Loss).ToList();
        if (candidates.Count == 0) return null;
        MeasuredPoint[] chosen = [candidates[0], candidates[candidates.Count / 2], candidates[^1]];
        double low = chosen.Min(c => c.Spectrum.Min()), high = chosen.Max(c => c.Spectrum.Max());
        var edges = Enumerable.Range(0, HistogramBins + 1).Select(i => low + (high - low) * i / HistogramBins).ToArray();
        var histograms = new Table("spectra-histogram").Add(Columns.Eigenvalue, edges.Take(HistogramBins).Select((e, i) => 0.5 * (e + edges[i + 1])));
        var theory = new Table("spectra-theory");
        var grid = Enumerable.Range(0, DensityPoints).Select(i => low + (high - low) * i / (DensityPoints - 1.0)).ToArray();
        theory.Add(Columns.Eigenvalue, grid);
        for (int k = 0; k < chosen.Length; k++)
        {
            histograms.Add(Columns.Density(k + 1), Histogram(chosen[k].Spectrum, edges));
            histograms.Add(Columns.GaussNewtonDensity(k + 1), Histogram(chosen[k].GaussNewtonSpectrum, edges));
            var model = new WishartPlusWigner(phi, 2 * chosen[k].Loss);
            theory.Add(Columns.Theory(k + 1), grid.Select(model.Density));
            theory.Add(Columns.MarchenkoPastur(k + 1), grid.Select(x => RandomMatrixLaws.MarchenkoPastur(x, Math.Min(phi, 1))));
        }
        var chosenPoints = new Table("spectra-points")
            .Add(Columns.Loss, chosen.Select(c => c.Loss))
            .Add(Columns.Index, chosen.Select(c => c.Index))
            .Add(Columns.IndexTheory, chosen.Select(c => c.TheoryIndex));
        result.Add(histograms).Add(theory).Add(chosenPoints);
        return new SpectraTables(histograms, theory, chosen);
    }

    private static double[] Histogram(double[] values, double[] edges)
    {
        int bins = edges.Length - 1;
        double width = edges[1] - edges[0];
        var counts = new double[bins];
        foreach (double v in values)
        {
            int b = (int)Math.Floor((v - edges[0]) / width);
            if (b >= 0 && b <= bins) counts[Math.Min(b, bins - 1)]++;
        }
        return [.. counts.Select(c => c / (values.Length * width))];
    }

    /// <returns>The densities along training, for their figure.</returns>
    private static Table AddEvolution(ExperimentResult result, TrainingEvolution e)
    {
        result.Add(new Table("training-spectrum")
            .Add(Columns.Step, e.Steps.Select(s => (double)s))
            .Add(Columns.Loss, e.Losses)
            .Add(Columns.TopEigenvalue, e.Top)
            .Add(Columns.TopEigenvalueLanczos, e.TopLanczos.Select(s => s.Mean))
            .Add(Columns.TopEigenvalueLanczosSpread, e.TopLanczos.Select(s => s.StandardDeviation))
            .Add(Columns.Index, e.Index)
            .Add(Columns.IndexSlq, e.IndexSlq.Select(s => s.Mean))
            .Add(Columns.IndexSlqSpread, e.IndexSlq.Select(s => s.StandardDeviation)));
        double low = e.Exact.Min(x => x[0]), high = e.Exact.Max(x => x[^1]);
        double width = 0.02 * (high - low);
        var grid = Enumerable.Range(0, DensityPoints).Select(i => low - 3 * width + (high - low + 6 * width) * i / (DensityPoints - 1.0)).ToArray();
        var density = new Table("training-density").Add(Columns.Eigenvalue, grid);
        double worst = 0;
        for (int k = 0; k < e.Steps.Count; k++)
        {
            var slq = e.Slq[k].Density(grid, width);
            var exact = grid.Select(x => e.Exact[k].Average(l => Math.Exp(-0.5 * Math.Pow((x - l) / width, 2)) / (width * Math.Sqrt(2 * Math.PI)))).ToArray();
            density.Add(Columns.Slq(k + 1), slq).Add(Columns.Exact(k + 1), exact);
            worst = Math.Max(worst, slq.Zip(exact, (a, b) => Math.Abs(a - b)).Max() / exact.Max());
        }
        result.Add(density);
        result.Add(new Finding("top_eigenvalue_start", e.Top[0], "1", $"λ_max of the exact Hessian at initialisation (φ = {e.Phi:G3}, {e.Parameters} parameters)."));
        result.Add(new Finding("top_eigenvalue_end", e.Top[^1], "1", $"λ_max of the exact Hessian at the end of training (loss {e.Losses[^1]:G3})."));
        result.Add(new Finding("lanczos_top_error_max", e.Top.Zip(e.TopLanczos, (a, b) => Math.Abs(a - b.Mean) / Math.Abs(a)).Max(), "1",
            "Largest relative error of Lanczos' λ_max (mean of 5 starts) against the exact value along training."));
        result.Add(new Finding("slq_density_error_max", worst, "1",
            $"Largest deviation of the SLQ density from the exact spectrum, both broadened by {width:G3}, relative to the exact density's peak, along training."));
        return density;
    }

    private static void AddFigures(ExperimentResult result, HessianSpectrumOptions o, double[] phis, IndexLaw law, Table curves, Table reduced, SpectraTables? spectraTables,
        TrainingEvolution evolution, Table density)
    {
        var fits = law.Fits;
        // Per-φ markers need per-φ columns: the critical points, split.
        var split = new Table("index-vs-loss");
        int longest = fits.Max(f => f.Points.Count);
        for (int k = 0; k < fits.Count; k++)
        {
            var pts = fits[k].Points;
            split.Add(Columns.LossAt(k + 1), Enumerable.Range(0, longest).Select(i => i < pts.Count ? pts[i].Loss : double.NaN));
            split.Add(Columns.IndexAt(k + 1), Enumerable.Range(0, longest).Select(i => i < pts.Count ? pts[i].Index : double.NaN));
        }
        result.Add(split);
        var series = new List<Series>();
        for (int k = 0; k < fits.Count; k++)
        {
            series.Add(new Markers(split.Name, Columns.LossAt(k + 1), Columns.IndexAt(k + 1), $"φ = {fits[k].Phi:G3}"));
            series.Add(new Line(curves.Name, Columns.Loss, Columns.FitAt(k + 1), $"fit, φ = {fits[k].Phi:G3}"));
            series.Add(new Line(curves.Name, Columns.Loss, Columns.TheoryAt(k + 1), $"RMT, φ = {fits[k].Phi:G3}", Dashed: true));
        }
        result.Add(new Figure("index-vs-loss",
            $"Index α (fraction of negative Hessian eigenvalues) against the loss ε at critical points of n = {o.Width} tanh networks on random data: measured (markers), α₀|(ε − ε_c)/ε_c|^p fitted (solid) and Pennington–Bahri's free-sum prediction in units of H₀'s mean eigenvalue (dashed).",
            new Axis("loss ε"), new Axis("index α", Min: 0), series)
        { Legend = LegendPlace.UpperLeft });

        if (reduced.RowCount > 0)
        {
            result.Add(new Figure("index-law",
                "The index law on log–log axes: α/α₀ against (ε − ε_c)/ε_c with ε_c and α₀ fitted per φ (markers), and the 3/2 power (line).",
                new Axis("(ε − ε_c)/ε_c", Log: true), new Axis("α/α₀", Log: true),
                [
                    new Markers(reduced.Name, Columns.ReducedLoss, Columns.ReducedIndex, "critical points"),
                    new Line(reduced.Name, Columns.ReducedLoss, Columns.ThreeHalves, "slope 3/2", Dashed: true),
                ])
            { Legend = LegendPlace.UpperLeft });
        }

        if (spectraTables is { } shown)
        {
            var spectra = new List<Series>();
            for (int k = 0; k < shown.Chosen.Length; k++)
            {
                double loss = shown.Chosen[k].Loss;
                spectra.Add(new Markers(shown.Histograms.Name, Columns.Eigenvalue, Columns.Density(k + 1), $"ε = {loss:G3}"));
                spectra.Add(new Line(shown.Theory.Name, Columns.Eigenvalue, Columns.Theory(k + 1), $"RMT, ε = {loss:G3}", Dashed: true));
            }
            result.Add(new Figure("spectra",
                $"Exact Hessian spectra at three critical points (φ = {RealPhi(o.Width, Examples(o.Width, phis[phis.Length / 2])):G3}), eigenvalues in units of H₀'s mean eigenvalue (histograms, markers), against the Marchenko–Pastur ⊞ semicircle(2ε) prediction (dashed).",
                new Axis("λ / mean eigenvalue of H₀"), new Axis("density", Min: 0), spectra)
            { Legend = LegendPlace.UpperRight });
        }

        var steps = evolution.Steps.Select(s => (double)s).ToList();
        var plotted = new Table("training-spectrum-plot")
            .Add(Columns.StepPlusOne, steps.Select(s => s + 1))
            .Add(Columns.TopEigenvalue, evolution.Top)
            .Add(Columns.TopEigenvalueLanczos, evolution.TopLanczos.Select(s => s.Mean))
            .Add(Columns.TopEigenvalueLanczosSpread, evolution.TopLanczos.Select(s => s.StandardDeviation));
        result.Add(new Figure("training-top-eigenvalue",
            "Largest Hessian eigenvalue during gradient descent: exact (line) and Lanczos (markers, mean ± sd over 5 starts).",
            new Axis("step + 1", Log: true), new Axis("λ_max"),
            [
                new Line(plotted.Name, Columns.StepPlusOne, Columns.TopEigenvalue, "exact"),
                new Markers(plotted.Name, Columns.StepPlusOne, Columns.TopEigenvalueLanczos, "Lanczos", YError: Columns.TopEigenvalueLanczosSpread),
            ])
        { Legend = LegendPlace.UpperLeft });
        result.Add(plotted);
        var densitySeries = new List<Series>();
        foreach (int k in new[] { 0, steps.Count - 1 })
        {
            densitySeries.Add(new Line(density.Name, Columns.Eigenvalue, Columns.Slq(k + 1), $"SLQ, step {steps[k]}"));
            densitySeries.Add(new Line(density.Name, Columns.Eigenvalue, Columns.Exact(k + 1), $"exact, step {steps[k]}", Dashed: true));
        }
        result.Add(new Figure("training-density",
            $"Hessian spectral density at the start and end of training: stochastic Lanczos quadrature ({o.SlqProbes} probes, {o.SlqSteps} steps, solid) against the exact eigenvalues (dashed), both Gaussian-broadened.",
            new Axis("eigenvalue λ"), new Axis("density", Min: 0), densitySeries)
        { Legend = LegendPlace.UpperRight });
    }
}
