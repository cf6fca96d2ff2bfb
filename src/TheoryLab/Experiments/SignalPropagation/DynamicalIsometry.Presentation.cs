using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// How <see cref="DynamicalIsometry"/> shows its <see cref="Measurement"/>: the moments of the spectrum by depth beside
/// free probability, the spectra of the shown depths, the training comparison, and the findings, naming columns
/// through <see cref="Columns"/>.
/// </summary>
public sealed partial class DynamicalIsometry
{
    /// <summary>The columns of every table; a training run's columns are named by its kind of weights and depth.</summary>
    private static class Columns
    {
        public static readonly Column Depth = new("depth");
        public static readonly Column LambdaMeanMonteCarlo = new("lambda_mean_mc");
        public static readonly Column LambdaMeanError = new("lambda_mean_se");
        public static readonly Column LambdaMeanTheory = new("lambda_mean_theory");
        public static readonly Column LambdaVarianceMonteCarlo = new("lambda_var_mc");
        public static readonly Column LambdaVarianceError = new("lambda_var_se");
        public static readonly Column LambdaVarianceTheory = new("lambda_var_theory");
        public static readonly Column LambdaVarianceTheoryOther = new("lambda_var_theory_other");
        public static readonly Column LambdaVarianceFiniteWidth = new("lambda_var_theory_finite_width");
        public static readonly Column SigmaMaxMonteCarlo = new("sigma_max_mc");
        public static readonly Column SigmaMaxError = new("sigma_max_se");
        public static readonly Column SigmaMaxTheory = new("sigma_max_theory");
        public static readonly Column SigmaMaxTheoryOther = new("sigma_max_theory_other");

        public static readonly Column Finding = new("finding");
        public static readonly Column MonteCarlo = new("monte_carlo");
        public static readonly Column StandardError = new("standard_error");
        public static readonly Column Theory = new("theory");
        public static readonly Column InfiniteWidth = new("infinite_width");

        public static readonly Column Sigma = new("sigma");
        public static readonly Column Density = new("density");

        public static readonly Column Step = new("step");
        public static Column Loss(string kind, int depth) => new($"loss_{kind}_L{depth}");
        public static Column Accuracy(string kind, int depth) => new($"accuracy_{kind}_L{depth}");

        /// <summary>Steps to the accuracy threshold by depth for this kind of weights, the budget where never reached.</summary>
        public static Column StepsTo(string kind) => new($"steps_{kind}");

        /// <summary>1 where this kind of weights reached the threshold, 0 where not.</summary>
        public static Column Reached(string kind) => new($"reached_{kind}");
    }

    private static ExperimentResult Present(DynamicalIsometryOptions o, Measurement measured)
    {
        var (spec, depths, theory, eigenvalues) = (measured.Spec, measured.Depths, measured.Theory, measured.Eigenvalues);
        var result = new ExperimentResult();
        var momentsTable = AddMomentsTable(result, depths, theory, measured.OtherTheory, measured.Moments);
        AddFindings(result, o, spec, theory[^1], measured.Moments, depths.Count - 1);
        foreach (int k in ShownDepths(depths)) AddSpectrumFigure(result, o, spec, depths[k], theory[k], eigenvalues.Select(e => e[k]).ToArray());
        AddDepthFigures(result, o, spec, spec.Weights, measured.OtherWeights, momentsTable);
        AddTraining(result, o, spec.SigmaW2, measured.Training);
        return result;
    }

    /// <summary>Indices of the depths whose spectra get a figure: 2, 8, 32, … (every fourfold step) and the deepest.</summary>
    private static IEnumerable<int> ShownDepths(List<int> depths) =>
        Enumerable.Range(0, depths.Count).Where(k => k == depths.Count - 1 || Math.Log2(depths[k]) % 2 == 1);

    /// <summary>Whether the exact finite-width variance is known for these weights (<see cref="FiniteWidthJacobianMoments"/>: Gaussian only).</summary>
    private static bool HasFiniteWidthVariance(MlpSpec spec) => spec.Weights is GaussianWeights;

    private static Table AddMomentsTable(ExperimentResult result, List<int> depths, JacobianSpectrum[] theory, JacobianSpectrum[] other, (double Mean, double Error)[][] moments)
    {
        var table = new Table("moments-by-depth");
        result.Add(table
            .Add(Columns.Depth, depths.Select(d => (double)d))
            .Add(Columns.LambdaMeanMonteCarlo, moments.Select(m => m[0].Mean))
            .Add(Columns.LambdaMeanError, moments.Select(m => Shown.ErrorBar(m[0].Error)))
            .Add(Columns.LambdaMeanTheory, theory.Select(t => t.Mean))
            .Add(Columns.LambdaVarianceMonteCarlo, moments.Select(m => m[1].Mean))
            .Add(Columns.LambdaVarianceError, moments.Select(m => Shown.ErrorBar(m[1].Error)))
            .Add(Columns.LambdaVarianceTheory, theory.Select(t => t.Variance))
            .Add(Columns.LambdaVarianceTheoryOther, other.Select(t => t.Variance))
            .Add(Columns.SigmaMaxMonteCarlo, moments.Select(m => m[2].Mean))
            .Add(Columns.SigmaMaxError, moments.Select(m => Shown.ErrorBar(m[2].Error)))
            .Add(Columns.SigmaMaxTheory, theory.Select(t => Math.Sqrt(t.LargestEigenvalue)))
            .Add(Columns.SigmaMaxTheoryOther, other.Select(t => Math.Sqrt(t.LargestEigenvalue))));
        if (HasFiniteWidthVariance(theory[0].Spec)) table.Add(Columns.LambdaVarianceFiniteWidth, theory.Select(FiniteWidthJacobianMoments.GaussianVariance));
        return table;
    }

    private static void AddFindings(ExperimentResult result, DynamicalIsometryOptions o, MlpSpec spec, JacobianSpectrum theory, (double Mean, double Error)[][] moments, int last)
    {
        var (mean, variance, sigmaMax) = (moments[last][0], moments[last][1], moments[last][2]);
        double theorySigmaMax = Math.Sqrt(theory.LargestEigenvalue);
        double? finiteWidthVariance = HasFiniteWidthVariance(spec) ? FiniteWidthJacobianMoments.GaussianVariance(theory) : null;
        string networks = $"{o.Networks} {o.Weights} {o.Activation} networks of width {o.Width} and depth {o.Depth}";
        result.Add(new Table("monte-carlo-estimates")
            .AddText(Columns.Finding, ["lambda_mean", "lambda_var", "sigma_max"])
            .Add(Columns.MonteCarlo, [mean.Mean, variance.Mean, sigmaMax.Mean])
            .Add(Columns.StandardError, [mean.Error, variance.Error, sigmaMax.Error])
            .Add(Columns.Theory, [theory.Mean, finiteWidthVariance ?? theory.Variance, theorySigmaMax])
            .Add(Columns.InfiniteWidth, [theory.Mean, theory.Variance, theorySigmaMax]));
        result.Add(new Finding("lambda_mean", mean.Mean, "1",
            $"Mean eigenvalue of JJᵀ (mean squared singular value of the input–output Jacobian) in {networks}, inputs at q* (standard error {Shown.Short(mean.Error)}); theory χ₁^L = (σ_w² μ₁)^L.",
            theory.Mean, "theory: (σ_w² μ₁)^L (pennington2017resurrecting)"));
        string limit = $"the infinite-width χ₁^{{2L}} L (μ₂/μ₁² − 1 − s₁) = {Shown.Short(theory.Variance)} (μ₁ = {Shown.Short(theory.Mu1)}, μ₂ = {Shown.Short(theory.Mu2)}, s₁ = {Shown.Short(theory.GramS1)})";
        result.Add(finiteWidthVariance is { } exact
            ? new Finding("lambda_var", variance.Mean, "1",
                $"Variance of the eigenvalues of JJᵀ within a network, averaged over {networks} (standard error {Shown.Short(variance.Error)}); theory: its exact expectation at width {o.Width}, " +
                $"above {limit} by terms of relative order L/N. Its distribution over networks is skewed (rare networks with a wide spectrum carry the mean), so few networks tend to fall short of it.",
                exact, $"theory, finite width: E[var λ] at N = {o.Width} for independent Gaussian layers with D² of the mean-field law (FiniteWidthJacobianMoments; pennington2017resurrecting as N → ∞)")
            : new Finding("lambda_var", variance.Mean, "1",
                $"Variance of the eigenvalues of JJᵀ within a network, averaged over {networks} (standard error {Shown.Short(variance.Error)}); theory: {limit}. " +
                "No exact finite-width value is known for these weights; finite width shifts it by a relative O(L/N).",
                theory.Variance, "free probability, N → ∞: σ²_{JJᵀ} = L(μ₂/μ₁² − 1 − s₁) at χ₁ = 1 (pennington2017resurrecting)"));
        result.Add(new Finding("sigma_max", sigmaMax.Mean, "1",
            $"Largest singular value of J, averaged over {networks} (standard error {Shown.Short(sigmaMax.Error)}); theory: the square root of the upper edge of the free-probability spectrum of JJᵀ{(theory.IsPointMass ? " (here a point mass)" : "")}.",
            theorySigmaMax, "free probability: upper edge of the spectrum of JJᵀ (pennington2018emergence)"));
        result.Add(new Finding("sigma_w2", spec.SigmaW2, "σ_w²",
            o.SigmaW2 > 0 ? $"The weight variance chosen; χ₁ = {Shown.Short(theory.Chi1)} at q*." : $"The weight variance of the edge of chaos (χ₁ = 1) at σ_b² = {NumberText.Prose(o.SigmaB2)}, by Brent's method."));
        result.Add(new Finding("q_star", theory.QStar, "1", "The fixed point of the length map at which every layer's D² = diag φ′(h)² is evaluated; small q* keeps tanh nearly linear and its Jacobian nearly isometric."));
    }

    private static void AddSpectrumFigure(ExperimentResult result, DynamicalIsometryOptions o, MlpSpec spec, int depth, JacobianSpectrum theory, double[][] eigenvalues)
    {
        var sigmas = eigenvalues.SelectMany(e => e.Select(l => Math.Sqrt(Math.Max(l, 0)))).ToArray();
        // The bins span the measured singular values (from the smallest, so a narrow spectrum near 1 is resolved) up to
        // the larger of the measured and predicted largest one.
        double top = Math.Max(Math.Sqrt(theory.LargestEigenvalue), sigmas.Max()) * 1.02;
        double bottom = sigmas.Min() * 0.98;
        double width = (top - bottom) / o.Bins;
        var counts = new double[o.Bins];
        foreach (double s in sigmas) counts[Math.Clamp((int)((s - bottom) / width), 0, o.Bins - 1)]++;
        string histogram = $"singular-values-L{depth}", density = $"singular-value-density-L{depth}";
        var heights = counts.Select(c => c / (sigmas.Length * width)).ToArray();
        double peak = heights.Max();
        var histogramTable = new Table(histogram)
            .Add(Columns.Sigma, Enumerable.Range(0, o.Bins).Select(b => bottom + (b + 0.5) * width))
            .Add(Columns.Density, heights);
        result.Add(histogramTable);
        var series = new List<Series> { new Bars(histogramTable.Name, Columns.Sigma, Columns.Density, $"width-{o.Width} networks") };
        string theoryText;
        if (theory.IsPointMass)
        {
            theoryText = $"free probability puts every singular value at {Shown.Short(Math.Sqrt(theory.Mean))}";
        }
        else
        {
            const int points = 400;
            var grid = Enumerable.Range(1, points).Select(k => bottom + (top - bottom) * k / points).ToArray();
            var values = theory.SingularValueDensity(grid);
            // Where the continuation cannot follow the density into the far tail of a discretised D² law (below about 0.1 %
            // of its peak, for tanh at small q* and small depth) the points are left out.
            var kept = Enumerable.Range(0, points).Where(i => double.IsFinite(values[i])).ToArray();
            var densityTable = new Table(density).Add(Columns.Sigma, kept.Select(i => grid[i])).Add(Columns.Density, kept.Select(i => values[i]));
            result.Add(densityTable);
            series.Add(new Line(densityTable.Name, Columns.Sigma, Columns.Density, "free probability"));
            theoryText = "line: the free-probability density 2σρ(σ²) of infinite width";
            peak = Math.Max(peak, kept.Select(i => values[i]).DefaultIfEmpty(0).Max());
        }
        string zeros = theory.ZeroFraction > 0 ? $"; a fraction {Shown.Short(theory.ZeroFraction)} of the singular values is 0 (φ′ = 0), in the first bar" : "";
        result.Add(new Figure($"spectrum-depth-{depth}",
            $"Singular values of the input–output Jacobian of {o.Weights} {o.Activation} networks of depth {depth} at σ_w² = {Shown.Short(spec.SigmaW2)}, σ_b² = {NumberText.Prose(o.SigmaB2)} (q* = {Shown.Short(theory.QStar)}, χ₁ = {Shown.Short(theory.Chi1)}): histogram over {NumberText.Count(o.Networks, "network")} of width {o.Width}; {theoryText}{zeros}.",
            new Axis("singular value σ of J", Min: bottom, Max: top), new Axis("density", Min: 0, Max: 2.1 * peak), series, FigureWidth.Half)
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddDepthFigures(ExperimentResult result, DynamicalIsometryOptions o, MlpSpec spec, WeightDistribution weights, WeightDistribution other, Table table)
    {
        bool positive = table.Numbers(Columns.LambdaVarianceTheory).Concat(table.Numbers(Columns.LambdaVarianceTheoryOther)).All(v => v > 0);
        string parameters = $"{o.Activation}, σ_w² = {Shown.Short(spec.SigmaW2)}, σ_b² = {NumberText.Prose(o.SigmaB2)}";
        result.Add(new Figure("lambda-variance-vs-depth",
            $"Variance of the eigenvalues of JJᵀ against depth ({parameters}): free probability for {weights.Name} and {other.Name} weights (lines, L(μ₂/μ₁² − 1 − s₁)){(table.Has(Columns.LambdaVarianceFiniteWidth) ? $", its exact expectation at width {o.Width}" : "")} and width-{o.Width} {weights.Name} networks (markers, ±1 s.e. over {o.Networks}).",
            new Axis("depth L", Log: true), new Axis("variance of λ", Log: positive),
            [new Line(table.Name, Columns.Depth, Columns.LambdaVarianceTheory, $"theory, {weights.Name}"),
             .. table.Has(Columns.LambdaVarianceFiniteWidth) ? [new Line(table.Name, Columns.Depth, Columns.LambdaVarianceFiniteWidth, $"exact at width {o.Width}, {weights.Name}")] : Array.Empty<Series>(),
             new Line(table.Name, Columns.Depth, Columns.LambdaVarianceTheoryOther, $"theory, {other.Name}", Dashed: true),
             new Markers(table.Name, Columns.Depth, Columns.LambdaVarianceMonteCarlo, $"{weights.Name} networks", YError: o.Networks > 1 ? Columns.LambdaVarianceError : null)])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("sigma-max-vs-depth",
            $"Largest singular value of J against depth ({parameters}): the upper edge of the free-probability spectrum for {weights.Name} and {other.Name} weights (lines), width-{o.Width} {weights.Name} networks (markers).",
            new Axis("depth L", Log: true), new Axis("largest singular value σ_max"),
            [new Line(table.Name, Columns.Depth, Columns.SigmaMaxTheory, $"theory, {weights.Name}"),
             new Line(table.Name, Columns.Depth, Columns.SigmaMaxTheoryOther, $"theory, {other.Name}", Dashed: true),
             new Markers(table.Name, Columns.Depth, Columns.SigmaMaxMonteCarlo, $"{weights.Name} networks", YError: o.Networks > 1 ? Columns.SigmaMaxError : null)])
        { Legend = LegendPlace.UpperLeft });
    }

    /// <summary>The training curves, the steps to the accuracy threshold by depth, and the findings on the deepest networks.</summary>
    private static void AddTraining(ExperimentResult result, DynamicalIsometryOptions o, double sigmaW2, TrainingComparison trained)
    {
        var (depths, steps) = (trained.Depths, trained.StepsToThreshold);
        var curves = new Table("training-curves").Add(Columns.Step, trained.Curves[0][0].Steps.Select(s => (double)s));
        for (int i = 0; i < depths.Length; i++)
            for (int j = 0; j < TrainingKinds.Length; j++)
                curves.Add(Columns.Loss(TrainingKinds[j], depths[i]), trained.Curves[i][j].Loss).Add(Columns.Accuracy(TrainingKinds[j], depths[i]), trained.Curves[i][j].Accuracy);
        result.Add(curves);
        // A run that never reached the threshold is drawn at the budget and flagged in the table.
        var speed = new Table("learning-speed")
            .Add(Columns.Depth, depths.Select(d => (double)d))
            .Add(Columns.StepsTo("orthogonal"), steps["orthogonal"].Select(s => double.IsNaN(s) ? o.Training.TrainingSteps : s))
            .Add(Columns.StepsTo("gaussian"), steps["gaussian"].Select(s => double.IsNaN(s) ? o.Training.TrainingSteps : s))
            .Add(Columns.Reached("orthogonal"), steps["orthogonal"].Select(s => double.IsNaN(s) ? 0.0 : 1))
            .Add(Columns.Reached("gaussian"), steps["gaussian"].Select(s => double.IsNaN(s) ? 0.0 : 1));
        result.Add(speed);
        string setting = $"{o.Activation} networks of width {o.TrainingWidth} at σ_w² = {Shown.Short(sigmaW2)}, σ_b² = {NumberText.Prose(o.SigmaB2)} on {o.Training.Dataset}, SGD with η = {NumberText.Prose(o.Training.LearningRate)}, μ = {NumberText.Prose(o.Training.Momentum)}, batch {o.Training.BatchSize}";
        result.Add(new Figure("learning-speed",
            $"SGD steps until the training accuracy (first 1,000 examples) first reaches {NumberText.Prose(o.AccuracyThreshold)}, against depth, for orthogonal and Gaussian initialisation of {setting}; runs that never reached it are drawn at the budget of {o.Training.TrainingSteps} steps.",
            new Axis("depth L", Log: true), new Axis("steps to threshold"),
            [new Line(speed.Name, Columns.Depth, Columns.StepsTo("orthogonal"), "orthogonal"), new Markers(speed.Name, Columns.Depth, Columns.StepsTo("orthogonal"), "orthogonal"),
             new Line(speed.Name, Columns.Depth, Columns.StepsTo("gaussian"), "Gaussian", Dashed: true), new Markers(speed.Name, Columns.Depth, Columns.StepsTo("gaussian"), "Gaussian")])
        { Legend = LegendPlace.UpperLeft });
        var lossSeries = depths.SelectMany(d => TrainingKinds.Select(k => (Series)new Line(curves.Name, Columns.Step, Columns.Loss(k, d), $"{k}, L = {d}", Dashed: k == "gaussian"))).ToList();
        result.Add(new Figure("training-loss",
            $"Training cross-entropy (first 1,000 examples) during SGD for orthogonal (solid) and Gaussian (dashed) initialisation of {setting}.",
            new Axis("SGD step"), new Axis("training loss (nats)", Log: true), lossSeries));

        int deepest = depths.Length - 1;
        result.Add(StepsFinding("steps_orthogonal", steps["orthogonal"][deepest],
            $"SGD steps until orthogonal {setting} of depth {depths[deepest]} first reach training accuracy {NumberText.Prose(o.AccuracyThreshold)} (budget {o.Training.TrainingSteps})."));
        result.Add(StepsFinding("steps_gaussian", steps["gaussian"][deepest],
            $"The same for Gaussian initialisation (budget {o.Training.TrainingSteps}); Pennington et al. find isometric orthogonal networks learn much faster at depth."));
    }

    /// <summary>Steps to the threshold, or an explicit "not reached" where the run never got there (NaN from the curve).</summary>
    private static Finding StepsFinding(string name, double steps, string meaning) =>
        double.IsNaN(steps) ? Finding.NotReached(name, "steps", meaning) : new Finding(name, steps, "steps", meaning);
}
