using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// How <see cref="SgdNoiseFloor"/> shows its <see cref="Measurement"/>: the gap curves, the plateaus beside their
/// theory, SVRG's snapshots, the findings and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class SgdNoiseFloor
{
    /// <summary>The columns of the tables "gap-vs-iterations", "plateau-vs-alpha" and "svrg".</summary>
    private static class Columns
    {
        public static readonly Column Iteration = new("iteration");
        public static readonly Column DiminishingGap = new("gap_diminishing");
        public static readonly Column GrowingBatchGap = new("gap_growing_batch");
        public static readonly Column Alpha = new("alpha");
        public static readonly Column Plateau = new("plateau");
        public static readonly Column Bound = new("bound");
        public static readonly Column SmallAlpha = new("small_alpha");
        public static readonly Column Epoch = new("epoch");
        public static readonly Column Gradients = new("gradients");
        public static readonly Column Gap = new("gap");

        /// <summary>The gap of the run with the i-th smallest fixed step.</summary>
        public static Column FixedStepGap(int i) => new($"gap_alpha_{i}");
    }

    private static ExperimentResult Present(SgdNoiseFloorOptions o, Measurement measured)
    {
        var constants = measured.Problem;
        double l = constants.Smoothness, mu = constants.StrongConvexity, m = constants.GradientVariance;
        double lMax = constants.ComponentSmoothness, local = constants.LocalCurvature;
        var (alphas, grid, iterations, plateaus) = (measured.Alphas, measured.Grid, measured.Iterations, measured.Plateaus);
        var result = new ExperimentResult();

        var curves = new Table("gap-vs-iterations").Add(Columns.Iteration, grid.Select(k => (double)k));
        for (int i = 0; i < alphas.Length; i++) curves.Add(Columns.FixedStepGap(i), measured.FixedStepGaps[i]);
        curves.Add(Columns.DiminishingGap, measured.DiminishingGaps);
        curves.Add(Columns.GrowingBatchGap, measured.GrowingBatchGaps);
        result.Add(curves);

        var plateauTable = new Table("plateau-vs-alpha")
            .Add(Columns.Alpha, alphas)
            .Add(Columns.Plateau, plateaus)
            .Add(Columns.Bound, alphas.Select(a => a * l * m / (2 * mu)))
            .Add(Columns.SmallAlpha, alphas.Select(a => a * m / 4));
        result.Add(plateauTable);
        double slope = LogLogFit.Slope(alphas, plateaus);
        result.Add(new Finding("plateau_slope", slope, "1",
            "Fitted log–log slope of the plateau (mean gap over the second half of each run) against the fixed step α.",
            1, "bottou2018optimization (Theorem 4.6): the plateau is proportional to α"));
        result.Add(new Finding("plateau_over_small_alpha_theory", plateaus[0] / (alphas[0] * m / 4), "1",
            $"Plateau at the smallest step over αM/4, the stationary gap of SGD on a quadratic for small α (M = E‖∇fᵢ(x*)‖² = {m:G4}).",
            1, "theory: the stationary covariance P solves HP + PH = αΣ*, so E[F − F*] = ½ tr(HP) = α tr Σ*/4"));
        result.Add(new Finding("plateau_over_bound_max", plateaus.Zip(alphas, (p, a) => p / (a * l * m / (2 * mu))).Max(), "1",
            $"Largest ratio of the plateau to Bottou–Curtis–Nocedal's αLM/(2cμ) with c = {mu:G4} ({(o.Problem == "logistic" ? "λ, valid everywhere" : "λ_min of the Hessian")}), " +
            $"L = {l:G4} ({(o.Problem == "logistic" ? "λ_max(AᵀA)/(4n) + λ, the Hessian bound" : "λ_max of the Hessian")}), their μ = 1 (unbiased gradients), M as above; at most 1 where the bound applies."));
        result.Add(new Finding("condition_number", l / mu, "1", "κ = L/c with the constants of the bound."));
        result.Add(new Finding("curvature_at_minimizer", local, "1", "μ*, the smallest eigenvalue of ∇²F(x*): the curvature near the optimum, which sets the relaxation time 1/(αμ*) of the runs (at least c)."));
        result.Add(new Finding("gradient_norm_at_minimizer", measured.Problem.GradientNormAtMinimizer, "1",
            $"‖∇F(x*)‖ at the computed minimiser ({(o.Problem == "logistic" ? "Newton's method" : "Cholesky")}): how exactly x* and F* are known."));
        result.Add(new Finding("component_smoothness_over_l", lMax / l, "1", "L_max / L: how much smaller single-sample steps must be than full-gradient ones."));
        double diminishingTail = LogLogFit.Slope(grid.Where(k => k >= iterations / 10).Select(k => (double)k).ToArray(),
            curves.Numbers(Columns.DiminishingGap).Where((_, j) => grid[j] >= iterations / 10).ToArray());
        result.Add(new Finding("diminishing_slope", diminishingTail, "1",
            "Log–log slope of the gap against k over the last decade of iterations with α_k = β/(γ + k), β = 2/μ.",
            -1, "bottou2018optimization (Theorem 4.7): the gap falls as O(1/k)"));

        result.Add(new Finding("growing_batch_gap_over_plateau", curves.Numbers(Columns.GrowingBatchGap)[^1] / plateaus[^1], "1",
            $"Final gap with batches ⌈{o.BatchGrowth}ᵏ⌉ at the largest fixed step, over that step's plateau (far below 1: the growing batch closes the gap)."));

        var gaps = measured.SvrgGaps;
        var svrg = new Table("svrg")
            .Add(Columns.Epoch, Enumerable.Range(0, gaps.Count).Select(s => (double)s))
            .Add(Columns.Gradients, Enumerable.Range(0, gaps.Count).Select(s => s * measured.SvrgGradientsPerEpoch))
            .Add(Columns.Gap, gaps);
        result.Add(svrg);
        var fitted = Enumerable.Range(0, gaps.Count).Where(s => gaps[s] > SvrgFitFloor * gaps[0]).ToArray();
        // A log–log fit against eˢ is a fit of ln(gap) against s: its slope is the log of the rate per epoch.
        double rate = Math.Exp(LogLogFit.Slope(fitted.Select(s => Math.Exp(s)).ToArray(), fitted.Select(s => gaps[s]).ToArray()));
        double alphaSvrg = o.SvrgStepFraction / lMax;
        int inner = InnerSteps(o);
        double bound = 1 / (mu * alphaSvrg * (1 - 2 * lMax * alphaSvrg) * inner) + 2 * lMax * alphaSvrg / (1 - 2 * lMax * alphaSvrg);
        result.Add(new Finding("svrg_rate_per_epoch", rate, "1",
            $"Factor by which SVRG's gap falls per epoch (geometric fit over epochs above {NumberText.Short(SvrgFitFloor)} of the start); Johnson and Zhang's bound (Theorem 1, for their option II) with α = {o.SvrgStepFraction}/L_max, m = {inner}: {bound:G3}."));
        AddFigures(o, alphas, result, curves, plateauTable, svrg);
        return result;
    }


    private static void AddFigures(SgdNoiseFloorOptions o, double[] alphas, ExperimentResult result, Table curves, Table plateaus, Table svrg)
    {
        var fractions = o.StepFractions.Distinct().Order().ToArray();
        // The growing batch reaches rounding level; three decades below the smallest plateau keep the plateaus readable.
        double floor = plateaus.Numbers(Columns.Plateau).Min() / 1000;
        var series = new List<Series>();
        for (int i = 0; i < alphas.Length; i++)
            series.Add(new Line(curves.Name, Columns.Iteration, Columns.FixedStepGap(i), $"α = {Fraction(fractions[i])}/L_max"));
        series.Add(new Line(curves.Name, Columns.Iteration, Columns.DiminishingGap, "α_k = β/(γ + k)", Dashed: true));
        series.Add(new Line(curves.Name, Columns.Iteration, Columns.GrowingBatchGap, $"batch ⌈{o.BatchGrowth}ᵏ⌉, α = {Fraction(fractions[^1])}/L_max", Dashed: true));
        result.Add(new Figure("gap-vs-iterations",
            $"Optimality gap F(x_k) − F* of single-sample SGD on {ProblemName(o)} for fixed steps α (solid), a diminishing step and a geometrically growing batch (dashed).",
            new Axis("iteration k", Log: true), new Axis("F(x_k) − F*", Log: true, Min: floor), series)
        { Legend = LegendPlace.LowerLeft });
        result.Add(new Figure("plateau-vs-alpha",
            "Plateau of the optimality gap against the fixed step α: measured (mean over the second half of each run), the small-α stationary value αM/4, and Bottou–Curtis–Nocedal's bound αLM/(2μ).",
            new Axis("step α", Log: true), new Axis("plateau of F − F*", Log: true),
            [
                new Markers(plateaus.Name, Columns.Alpha, Columns.Plateau, "measured"),
                new Line(plateaus.Name, Columns.Alpha, Columns.SmallAlpha, "αM/4", Dashed: true),
                new Line(plateaus.Name, Columns.Alpha, Columns.Bound, "αLM/(2μ)", Dashed: true),
            ])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("svrg",
            $"SVRG's optimality gap at each snapshot (α = {o.SvrgStepFraction}/L_max, m = {o.SvrgInnerMultiple}n inner steps).",
            new Axis("outer epoch s"), new Axis("F(x̃_s) − F*", Log: true),
            [new Markers(svrg.Name, Columns.Epoch, Columns.Gap, "SVRG")])
        { Legend = LegendPlace.UpperRight });
    }

    private static string ProblemName(SgdNoiseFloorOptions o) =>
        o.Problem == "logistic" ? $"ℓ2-regularised logistic regression on {o.Samples} MNIST-1D sequences (λ = {NumberText.Short(o.Ridge, 3)})" : "ridge least squares";

    private static string Fraction(double f) => f >= 1 ? f.ToString("G3") : $"1/{Math.Round(1 / f):G4}";
}
