using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
using TheoryLab.Torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// Options of <see cref="DynamicalIsometry"/>. Defaults: orthogonal tanh networks at the edge of chaos with a small q*
/// (σ_b² = 10⁻⁵ gives q* ≈ 0.02), depths up to 128 as in Pennington, Schoenholz and Ganguli (2017); width 400 and four
/// networks per point keep the float64 Jacobians of depth 128 within a minute or two on a 2-core CPU. The training
/// comparison (their CIFAR-10 runs at depth 200) is scaled down to MNIST-1D, width 64, depths 2, 8 and 32, 1000 SGD steps.
/// </summary>
public sealed record DynamicalIsometryOptions
{
    [Option("weight matrices: gaussian (iid N(0, σ_w²/N)) or orthogonal (σ_w times a Haar-random orthogonal matrix)", Choices = ["gaussian", "orthogonal"])]
    public string Weights { get; init; } = "orthogonal";

    [Option("nonlinearity φ of every layer", ChoicesFrom = typeof(MeanFieldActivations))]
    public string Activation { get; init; } = "tanh";

    [Option("depth L whose Jacobian spectrum the findings report; spectra are also measured at every power of 2 below it", Min = 2, Max = 1024, Unit = "layers")]
    public int Depth { get; init; } = 128;

    [Option("neurons per layer of the Monte-Carlo networks (finite-width corrections to the spectrum grow like L/N)", Min = 10, Max = 4000, Unit = "neurons")]
    public int Width { get; init; } = 400;

    [Option("weight variance σ_w²; 0 (the default) puts the networks at the edge of chaos, χ₁ = 1, for the chosen σ_b²", Min = 0, Max = 100, Unit = "σ_w²")]
    public double SigmaW2 { get; init; } = 0;

    [Option("bias variance σ_b²; the smaller, the smaller q* at criticality and the closer tanh networks come to dynamical isometry", Min = 0, Max = 100, Unit = "σ_b²")]
    public double SigmaB2 { get; init; } = 1e-5;

    [Option("independent random networks whose Jacobians are measured", Min = 1, Max = 1000, Unit = "networks")]
    public int Networks { get; init; } = 4;

    [Option("histogram bins of the measured singular values", Min = 5, Max = 1000, Unit = "bins")]
    public int Bins { get; init; } = 40;

    [Option("depths of the training comparison of orthogonal and Gaussian weights at the same σ_w², σ_b²", Min = 1, Max = 1024, Unit = "layers")]
    public int[] TrainingDepths { get; init; } = [2, 8, 32];

    [Option("neurons per hidden layer of the trained networks", Min = 2, Max = 4096, Unit = "neurons")]
    public int TrainingWidth { get; init; } = 64;

    [Option("dataset of the training comparison", ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist1d";

    [Option("SGD steps of each training run", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int TrainingSteps { get; init; } = 1000;

    [Option("examples per SGD step", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 100;

    [Option("SGD learning rate η, the same for every depth and initialisation", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 0.03;

    [Option("heavy-ball momentum μ", Min = 0, Max = 0.999, Unit = "μ")]
    public double Momentum { get; init; } = 0.9;

    [Option("training accuracy (on the first 1,000 training examples) whose first crossing measures learning speed", Min = 0.01, Max = 1)]
    public double AccuracyThreshold { get; init; } = 0.5;

    [Option("evaluations of the training curve, evenly spaced", Min = 1, Max = 10_000)]
    public int Evaluations { get; init; } = 50;
}

/// <summary>
/// Singular-value spectra of the input–output Jacobian of deep random networks at the edge of chaos (Pennington,
/// Schoenholz and Ganguli 2017, 2018): Monte-Carlo spectra of Gaussian or orthogonal networks against the
/// free-probability density, the mean and variance of the eigenvalues of JJᵀ and the largest singular value against
/// their predictions, and how fast orthogonal and Gaussian networks of growing depth learn.
/// </summary>
public sealed class DynamicalIsometry : Experiment<DynamicalIsometryOptions>
{
    public override string Id => "jacobian-spectrum";
    public override string Title => "Jacobian spectra and dynamical isometry";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["pennington2017resurrecting", "pennington2018emergence", "greydanus2020scaling"];

    public override string Summary =>
        "Draws Gaussian or orthogonal random networks at the edge of chaos (χ₁ = 1), accumulates their input–output Jacobians " +
        "J = Π D^l W^l in float64 and compares the spectrum of JJᵀ at depths 2 to L with free probability: the density from " +
        "S_{JJᵀ} = Π S_{WᵀW} S_{D²}, the mean χ₁^L, the variance L(μ₂/μ₁² − 1 − s₁) and the upper edge. Then trains orthogonal " +
        "and Gaussian networks of several depths on MNIST-1D and reports the SGD steps each needs to reach an accuracy.";

    public override DynamicalIsometryOptions Quick => new()
    {
        Depth = 32,
        Width = 160,
        // A standard error near 1 % on the orthogonal variance; with weights=gaussian, whose variance spreads over
        // networks by about 30 on a mean of 36 at L/N = 0.2, about a fifth of the mean. Three networks gave no
        // usable standard error for that skewed spread.
        Networks = 16,
        Bins = 25,
        TrainingDepths = [2, 16],
        TrainingSteps = 300,
        Evaluations = 15,
    };

    public override CostEstimate EstimateCost(DynamicalIsometryOptions o)
    {
        double n = o.Width;
        // Per layer: the product W J (n³), and for orthogonal weights a QR factorisation (about 2n³); an SVD (about 10n³) per measured depth.
        double perNetwork = o.Depth * n * n * n * (o.Weights == "orthogonal" ? 3 : 1) + MeasuredDepths(o.Depth).Count * 10 * n * n * n;
        // Forward and backward of a step: three products per layer of batch × width², evaluations about a third of a step per example.
        double training = 2 * o.TrainingDepths.Sum(d => 3.0 * o.TrainingSteps * o.BatchSize * (d * (double)o.TrainingWidth * o.TrainingWidth));
        double seconds = o.Networks * perNetwork / 1e9 * CostCalibration.JacobianSpectrum.SecondsPerGigaMacJacobian + training / 1e9 * CostCalibration.JacobianSpectrum.SecondsPerGigaMacTraining;
        return new CostEstimate(o.Networks + 2L * o.TrainingDepths.Length, "random networks and training runs", TimeSpan.FromSeconds(seconds + 3));
    }

    public override ExperimentResult Run(DynamicalIsometryOptions o, RunContext context)
    {
        var activation = Activations.ByName(o.Activation);
        double sigmaW2 = o.SigmaW2 > 0 ? o.SigmaW2 : Criticality.CriticalSigmaW2(activation, o.SigmaB2);
        if (double.IsNaN(sigmaW2)) throw new TheoryLabException($"{o.Activation} has no edge of chaos at σ_b² = {o.SigmaB2}; set sigma_w2 explicitly.");
        var weights = WeightDistribution.ByName(o.Weights);
        var spec = new MlpSpec(activation, sigmaW2, o.SigmaB2, o.Depth, o.Width, weights);
        var depths = MeasuredDepths(o.Depth);
        var theory = depths.Select(d => new MlpSpec(activation, sigmaW2, o.SigmaB2, d, o.Width, weights).JacobianSpectrum()).ToArray();
        var otherWeights = WeightDistribution.ByName(o.Weights == "orthogonal" ? "gaussian" : "orthogonal");
        var otherTheory = depths.Select(d => new MlpSpec(activation, sigmaW2, o.SigmaB2, d, o.Width, otherWeights).JacobianSpectrum()).ToArray();

        TorchSetup.Prepare(context.Device);
        double[][][] eigenvalues;
        using (var generator = context.TorchGenerator("random networks"))
        using (var task = context.Progress.Start("random Jacobians", o.Networks))
            eigenvalues = JacobianMonteCarlo.Eigenvalues(spec, depths, o.Networks, generator, task, context.Cancellation);

        var result = new ExperimentResult();
        var moments = SpectrumMoments(eigenvalues, depths.Count);
        var momentsTable = AddMomentsTable(result, depths, theory, otherTheory, moments);
        AddFindings(result, o, spec, theory[^1], moments, depths.Count - 1);
        foreach (int k in ShownDepths(depths)) AddSpectrumFigure(result, o, spec, depths[k], theory[k], eigenvalues.Select(e => e[k]).ToArray());
        AddDepthFigures(result, o, spec, weights, otherWeights, momentsTable);
        AddTraining(result, o, activation, sigmaW2, context);
        return result;
    }

    /// <summary>2, 4, 8, … below <paramref name="depth"/>, and the depth itself.</summary>
    private static List<int> MeasuredDepths(int depth)
    {
        var depths = new List<int>();
        for (int d = 2; d < depth; d *= 2) depths.Add(d);
        depths.Add(depth);
        return depths;
    }

    /// <summary>Indices of the depths whose spectra get a figure: 2, 8, 32, … (every fourfold step) and the deepest.</summary>
    private static IEnumerable<int> ShownDepths(List<int> depths) =>
        Enumerable.Range(0, depths.Count).Where(k => k == depths.Count - 1 || Math.Log2(depths[k]) % 2 == 1);

    /// <summary>Per measured depth: the across-network mean and standard error of the mean λ, the variance of λ and the largest σ.</summary>
    private static (double Mean, double Error)[][] SpectrumMoments(double[][][] eigenvalues, int depthCount)
    {
        var result = new (double, double)[depthCount][];
        for (int k = 0; k < depthCount; k++)
        {
            var perNetwork = eigenvalues.Select(e => e[k]).ToArray();
            result[k] =
            [
                AcrossNetworks(perNetwork.Select(l => l.Average())),
                AcrossNetworks(perNetwork.Select(l => Moments.VarianceOfValues(l))),
                AcrossNetworks(perNetwork.Select(l => Math.Sqrt(l.Max()))),
            ];
        }
        return result;
    }

    private static (double Mean, double Error) AcrossNetworks(IEnumerable<double> values)
    {
        var v = values.ToArray();
        return (v.Average(), Moments.StandardError(v));
    }

    private static Table AddMomentsTable(ExperimentResult result, List<int> depths, JacobianSpectrum[] theory, JacobianSpectrum[] other, (double Mean, double Error)[][] moments)
    {
        var table = new Table("moments-by-depth");
        result.Add(table
            .Add("depth", depths.Select(d => (double)d))
            .Add("lambda_mean_mc", moments.Select(m => m[0].Mean))
            .Add("lambda_mean_se", moments.Select(m => ZeroIfNaN(m[0].Error)))
            .Add("lambda_mean_theory", theory.Select(t => t.Mean))
            .Add("lambda_var_mc", moments.Select(m => m[1].Mean))
            .Add("lambda_var_se", moments.Select(m => ZeroIfNaN(m[1].Error)))
            .Add("lambda_var_theory", theory.Select(t => t.Variance))
            .Add("lambda_var_theory_other", other.Select(t => t.Variance))
            .Add("sigma_max_mc", moments.Select(m => m[2].Mean))
            .Add("sigma_max_se", moments.Select(m => ZeroIfNaN(m[2].Error)))
            .Add("sigma_max_theory", theory.Select(t => Math.Sqrt(t.LargestEigenvalue)))
            .Add("sigma_max_theory_other", other.Select(t => Math.Sqrt(t.LargestEigenvalue))));
        if (HasFiniteWidthVariance(theory[0].Spec)) table.Add("lambda_var_theory_finite_width", theory.Select(FiniteWidthJacobianMoments.GaussianVariance));
        return table;
    }

    /// <summary>Whether the exact finite-width variance is known for these weights (<see cref="FiniteWidthJacobianMoments"/>: Gaussian only).</summary>
    private static bool HasFiniteWidthVariance(MlpSpec spec) => spec.Weights is GaussianWeights;

    private static void AddFindings(ExperimentResult result, DynamicalIsometryOptions o, MlpSpec spec, JacobianSpectrum theory, (double Mean, double Error)[][] moments, int last)
    {
        var (mean, variance, sigmaMax) = (moments[last][0], moments[last][1], moments[last][2]);
        double theorySigmaMax = Math.Sqrt(theory.LargestEigenvalue);
        double? finiteWidthVariance = HasFiniteWidthVariance(spec) ? FiniteWidthJacobianMoments.GaussianVariance(theory) : null;
        string networks = $"{o.Networks} {o.Weights} {o.Activation} networks of width {o.Width} and depth {o.Depth}";
        result.Add(new Table("monte-carlo-estimates")
            .AddText("finding", ["lambda_mean", "lambda_var", "sigma_max"])
            .Add("monte_carlo", [mean.Mean, variance.Mean, sigmaMax.Mean])
            .Add("standard_error", [mean.Error, variance.Error, sigmaMax.Error])
            .Add("theory", [theory.Mean, finiteWidthVariance ?? theory.Variance, theorySigmaMax])
            .Add("infinite_width", [theory.Mean, theory.Variance, theorySigmaMax]));
        result.Add(new Finding("lambda_mean", mean.Mean, "1",
            $"Mean eigenvalue of JJᵀ (mean squared singular value of the input–output Jacobian) in {networks}, inputs at q* (standard error {Short(mean.Error)}); theory χ₁^L = (σ_w² μ₁)^L.",
            theory.Mean, "theory: (σ_w² μ₁)^L (pennington2017resurrecting)"));
        string limit = $"the infinite-width χ₁^{{2L}} L (μ₂/μ₁² − 1 − s₁) = {Short(theory.Variance)} (μ₁ = {Short(theory.Mu1)}, μ₂ = {Short(theory.Mu2)}, s₁ = {Short(theory.GramS1)})";
        result.Add(finiteWidthVariance is { } exact
            ? new Finding("lambda_var", variance.Mean, "1",
                $"Variance of the eigenvalues of JJᵀ within a network, averaged over {networks} (standard error {Short(variance.Error)}); theory: its exact expectation at width {o.Width}, " +
                $"above {limit} by terms of relative order L/N. Its distribution over networks is skewed (rare networks with a wide spectrum carry the mean), so few networks tend to fall short of it.",
                exact, $"theory, finite width: E[var λ] at N = {o.Width} for independent Gaussian layers with D² of the mean-field law (FiniteWidthJacobianMoments; pennington2017resurrecting as N → ∞)")
            : new Finding("lambda_var", variance.Mean, "1",
                $"Variance of the eigenvalues of JJᵀ within a network, averaged over {networks} (standard error {Short(variance.Error)}); theory: {limit}. " +
                "No exact finite-width value is known for these weights; finite width shifts it by a relative O(L/N).",
                theory.Variance, "free probability, N → ∞: σ²_{JJᵀ} = L(μ₂/μ₁² − 1 − s₁) at χ₁ = 1 (pennington2017resurrecting)"));
        result.Add(new Finding("sigma_max", sigmaMax.Mean, "1",
            $"Largest singular value of J, averaged over {networks} (standard error {Short(sigmaMax.Error)}); theory: the square root of the upper edge of the free-probability spectrum of JJᵀ{(theory.IsPointMass ? " (here a point mass)" : "")}.",
            theorySigmaMax, "free probability: upper edge of the spectrum of JJᵀ (pennington2018emergence)"));
        result.Add(new Finding("sigma_w2", spec.SigmaW2, "σ_w²",
            o.SigmaW2 > 0 ? $"The weight variance chosen; χ₁ = {Short(theory.Chi1)} at q*." : $"The weight variance of the edge of chaos (χ₁ = 1) at σ_b² = {NumberText.Prose(o.SigmaB2)}, by Brent's method."));
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
        result.Add(new Table(histogram)
            .Add("sigma", Enumerable.Range(0, o.Bins).Select(b => bottom + (b + 0.5) * width))
            .Add("density", heights));
        var series = new List<Series> { new Bars(histogram, "sigma", "density", $"width-{o.Width} networks") };
        string theoryText;
        if (theory.IsPointMass)
        {
            theoryText = $"free probability puts every singular value at {Short(Math.Sqrt(theory.Mean))}";
        }
        else
        {
            const int points = 400;
            var grid = Enumerable.Range(1, points).Select(k => bottom + (top - bottom) * k / points).ToArray();
            var values = theory.SingularValueDensity(grid);
            // Where the continuation cannot follow the density into the far tail of a discretised D² law (below about 0.1 %
            // of its peak, for tanh at small q* and small depth) the points are left out.
            var kept = Enumerable.Range(0, points).Where(i => double.IsFinite(values[i])).ToArray();
            result.Add(new Table(density).Add("sigma", kept.Select(i => grid[i])).Add("density", kept.Select(i => values[i])));
            series.Add(new Line(density, "sigma", "density", "free probability"));
            theoryText = "line: the free-probability density 2σρ(σ²) of infinite width";
            peak = Math.Max(peak, kept.Select(i => values[i]).DefaultIfEmpty(0).Max());
        }
        string zeros = theory.ZeroFraction > 0 ? $"; a fraction {Short(theory.ZeroFraction)} of the singular values is 0 (φ′ = 0), in the first bar" : "";
        result.Add(new Figure($"spectrum-depth-{depth}",
            $"Singular values of the input–output Jacobian of {o.Weights} {o.Activation} networks of depth {depth} at σ_w² = {Short(spec.SigmaW2)}, σ_b² = {NumberText.Prose(o.SigmaB2)} (q* = {Short(theory.QStar)}, χ₁ = {Short(theory.Chi1)}): histogram over {NumberText.Count(o.Networks, "network")} of width {o.Width}; {theoryText}{zeros}.",
            new Axis("singular value σ of J", Min: bottom, Max: top), new Axis("density", Min: 0, Max: 2.1 * peak), series, FigureWidth.Half)
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddDepthFigures(ExperimentResult result, DynamicalIsometryOptions o, MlpSpec spec, WeightDistribution weights, WeightDistribution other, Table table)
    {
        bool positive = table.Numbers("lambda_var_theory").Concat(table.Numbers("lambda_var_theory_other")).All(v => v > 0);
        string parameters = $"{o.Activation}, σ_w² = {Short(spec.SigmaW2)}, σ_b² = {NumberText.Prose(o.SigmaB2)}";
        result.Add(new Figure("lambda-variance-vs-depth",
            $"Variance of the eigenvalues of JJᵀ against depth ({parameters}): free probability for {weights.Name} and {other.Name} weights (lines, L(μ₂/μ₁² − 1 − s₁)){(table.Has("lambda_var_theory_finite_width") ? $", its exact expectation at width {o.Width}" : "")} and width-{o.Width} {weights.Name} networks (markers, ±1 s.e. over {o.Networks}).",
            new Axis("depth L", Log: true), new Axis("variance of λ", Log: positive),
            [new Line(table.Name, "depth", "lambda_var_theory", $"theory, {weights.Name}"),
             .. table.Has("lambda_var_theory_finite_width") ? [new Line(table.Name, "depth", "lambda_var_theory_finite_width", $"exact at width {o.Width}, {weights.Name}")] : Array.Empty<Series>(),
             new Line(table.Name, "depth", "lambda_var_theory_other", $"theory, {other.Name}", Dashed: true),
             new Markers(table.Name, "depth", "lambda_var_mc", $"{weights.Name} networks", YError: o.Networks > 1 ? "lambda_var_se" : null)])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("sigma-max-vs-depth",
            $"Largest singular value of J against depth ({parameters}): the upper edge of the free-probability spectrum for {weights.Name} and {other.Name} weights (lines), width-{o.Width} {weights.Name} networks (markers).",
            new Axis("depth L", Log: true), new Axis("largest singular value σ_max"),
            [new Line(table.Name, "depth", "sigma_max_theory", $"theory, {weights.Name}"),
             new Line(table.Name, "depth", "sigma_max_theory_other", $"theory, {other.Name}", Dashed: true),
             new Markers(table.Name, "depth", "sigma_max_mc", $"{weights.Name} networks", YError: o.Networks > 1 ? "sigma_max_se" : null)])
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddTraining(ExperimentResult result, DynamicalIsometryOptions o, Activation activation, double sigmaW2, RunContext context)
    {
        var settings = new InitialisationTrainingSettings(o.TrainingSteps, o.BatchSize, o.LearningRate, o.Momentum, o.Evaluations, EvaluationExamples: 1000);
        string[] kinds = ["orthogonal", "gaussian"];
        var depths = o.TrainingDepths.Distinct().Order().ToArray();
        var steps = kinds.ToDictionary(k => k, _ => new double[depths.Length]);
        var curves = new Table("training-curves");
        using var training = new InitialisationTraining(o.Dataset, context);
        using var task = context.Progress.Start($"training on {o.Dataset}", (long)depths.Length * kinds.Length * o.TrainingSteps);
        for (int i = 0; i < depths.Length; i++)
            foreach (string kind in kinds)
            {
                var spec = new MlpSpec(activation, sigmaW2, o.SigmaB2, depths[i], o.TrainingWidth, WeightDistribution.ByName(kind));
                using var generator = context.TorchGenerator($"training network {kind} {depths[i]}");
                var curve = training.Train(spec, settings, generator, context.Seed, task, context.Cancellation);
                if (!curves.Has("step")) curves.Add("step", curve.Steps.Select(s => (double)s));
                curves.Add($"loss_{kind}_L{depths[i]}", curve.Loss).Add($"accuracy_{kind}_L{depths[i]}", curve.Accuracy);
                steps[kind][i] = curve.StepsToAccuracy(o.AccuracyThreshold);
            }
        result.Add(curves);
        // A run that never reached the threshold is drawn at the budget and flagged in the table.
        result.Add(new Table("learning-speed")
            .Add("depth", depths.Select(d => (double)d))
            .Add("steps_orthogonal", steps["orthogonal"].Select(s => double.IsNaN(s) ? o.TrainingSteps : s))
            .Add("steps_gaussian", steps["gaussian"].Select(s => double.IsNaN(s) ? o.TrainingSteps : s))
            .Add("reached_orthogonal", steps["orthogonal"].Select(s => double.IsNaN(s) ? 0.0 : 1))
            .Add("reached_gaussian", steps["gaussian"].Select(s => double.IsNaN(s) ? 0.0 : 1)));
        string setting = $"{o.Activation} networks of width {o.TrainingWidth} at σ_w² = {Short(sigmaW2)}, σ_b² = {NumberText.Prose(o.SigmaB2)} on {o.Dataset}, SGD with η = {NumberText.Prose(o.LearningRate)}, μ = {NumberText.Prose(o.Momentum)}, batch {o.BatchSize}";
        result.Add(new Figure("learning-speed",
            $"SGD steps until the training accuracy (first 1,000 examples) first reaches {NumberText.Prose(o.AccuracyThreshold)}, against depth, for orthogonal and Gaussian initialisation of {setting}; runs that never reached it are drawn at the budget of {o.TrainingSteps} steps.",
            new Axis("depth L", Log: true), new Axis("steps to threshold"),
            [new Line("learning-speed", "depth", "steps_orthogonal", "orthogonal"), new Markers("learning-speed", "depth", "steps_orthogonal", "orthogonal"),
             new Line("learning-speed", "depth", "steps_gaussian", "Gaussian", Dashed: true), new Markers("learning-speed", "depth", "steps_gaussian", "Gaussian")])
        { Legend = LegendPlace.UpperLeft });
        var lossSeries = depths.SelectMany(d => kinds.Select(k => (Series)new Line("training-curves", "step", $"loss_{k}_L{d}", $"{k}, L = {d}", Dashed: k == "gaussian"))).ToList();
        result.Add(new Figure("training-loss",
            $"Training cross-entropy (first 1,000 examples) during SGD for orthogonal (solid) and Gaussian (dashed) initialisation of {setting}.",
            new Axis("SGD step"), new Axis("training loss (nats)", Log: true), lossSeries));

        int deepest = depths.Length - 1;
        result.Add(StepsFinding("steps_orthogonal", steps["orthogonal"][deepest],
            $"SGD steps until orthogonal {setting} of depth {depths[deepest]} first reach training accuracy {NumberText.Prose(o.AccuracyThreshold)} (budget {o.TrainingSteps})."));
        result.Add(StepsFinding("steps_gaussian", steps["gaussian"][deepest],
            $"The same for Gaussian initialisation (budget {o.TrainingSteps}); Pennington et al. find isometric orthogonal networks learn much faster at depth."));
    }

    /// <summary>Steps to the threshold, or an explicit "not reached" where the run never got there (NaN from the curve).</summary>
    private static Finding StepsFinding(string name, double steps, string meaning) =>
        double.IsNaN(steps) ? Finding.NotReached(name, "steps", meaning) : new Finding(name, steps, "steps", meaning);

    private static double ZeroIfNaN(double x) => double.IsNaN(x) ? 0 : x;

    private static string Short(double x) => double.IsFinite(x) ? x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : x > 0 ? "∞" : "undefined";
}
