using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// Options of <see cref="MomentumConditioning"/>. Defaults: dimension 100, μ = 1 and L = κ for κ from 10 to 10⁴,
/// accuracy ε = 10⁻⁶ on ‖x − x*‖ relative to the start, a random orthogonal eigenbasis.
/// </summary>
public sealed record MomentumConditioningOptions
{
    [Option("condition numbers κ = L/μ of the quadratics", Min = 1.5, Max = 1e8)]
    public double[] ConditionNumbers { get; init; } = [10, 30, 100, 300, 1000, 3000, 10000];

    [Option("dimension d of the quadratic f(x) = ½ xᵀAx", Min = 2, Max = 4096)]
    public int Dimension { get; init; } = 100;

    [Option("accuracy ε: stop when ‖x_k − x*‖ ≤ ε‖x_0 − x*‖", Min = 1e-14, Max = 0.5)]
    public double Tolerance { get; init; } = 1e-6;

    [Option("eigenbasis of A: diagonal (the coordinate axes) or a seeded random orthogonal matrix", Choices = ["diagonal", "rotated"])]
    public string Basis { get; init; } = "rotated";

    [Option("also run Adam (β₁ = 0.9, β₂ = 0.999), which has no tuning from κ: it uses adam_learning_rate / L")]
    public bool IncludeAdam { get; init; } = true;

    [Option("Adam's step η, divided by L = κ so that it is scaled like the others", Min = 1e-6, Max = 100)]
    public double AdamLearningRate { get; init; } = 1;

    [Option("iteration cap per method and κ; a method that has not reached ε by then is recorded as not converged", Min = 10, Max = 10_000_000, Unit = "iterations")]
    public int MaxIterations { get; init; } = 1_000_000;
}

/// <summary>
/// Momentum on ill-conditioned quadratics: iterations to reach ε for gradient descent, Polyak's heavy ball and
/// Nesterov's method, each with the step and momentum that theory tunes from μ and L, against κ = L/μ.
/// GD needs O(κ log 1/ε) iterations, both momentum methods O(√κ log 1/ε).
/// </summary>
public sealed class MomentumConditioning : Experiment<MomentumConditioningOptions>
{
    public override string Id => "momentum-conditioning";
    public override string Title => "Momentum and conditioning: √κ against κ";
    public override Topic Topic => Topic.Optimization;
    public override IReadOnlyList<string> Papers => ["polyak1964some", "nesterov1983method", "kingma2015adam"];

    public override string Summary =>
        "On quadratics f(x) = ½ xᵀAx with eigenvalues from μ = 1 to L = κ, gradient descent with step 2/(L + μ) needs about " +
        "(κ/2) ln(1/ε) iterations, Polyak's heavy ball (α = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))²) about (√κ/2) ln(1/ε), and " +
        "Nesterov's method (1/L, (√κ − 1)/(√κ + 1)) about √κ ln(1/ε); the fitted log–log slopes of iterations against κ are " +
        "compared with 1, ½ and ½. Adam, untuned, is run beside them.";

    public override MomentumConditioningOptions Quick => new()
    {
        ConditionNumbers = [10, 30, 100, 300, 1000],
        Dimension = 20,
        MaxIterations = 100_000,
    };

    public override CostEstimate EstimateCost(MomentumConditioningOptions o)
    {
        // GD needs about (κ/2) ln(1/ε) iterations and Adam (η = 1/L) took about as many in total; the momentum methods
        // are negligible.
        double iterations = 2 * o.ConditionNumbers.Sum(k => Math.Min(o.MaxIterations, 0.5 * k * Math.Log(1 / o.Tolerance)));
        return new CostEstimate((long)iterations, "iterations", TimeSpan.FromSeconds(CostCalibration.MomentumConditioning.SecondsPerIteration * iterations * Math.Max(1, o.Dimension / 100.0)));
    }

    /// <summary>The three tuned methods: registry name, label, contraction factor ρ(κ), and the optimiser for (μ, L).</summary>
    private static readonly (string Key, string Label, Func<double, double> Rate, Func<double, double, IOptimizer> Create)[] Methods =
    [
        ("gd", "gradient descent", k => (k - 1) / (k + 1), (mu, l) => new Sgd(2 / (l + mu))),
        ("heavy_ball", "heavy ball", k => (Math.Sqrt(k) - 1) / (Math.Sqrt(k) + 1),
            (mu, l) => new HeavyBall(4 / Math.Pow(Math.Sqrt(l) + Math.Sqrt(mu), 2), Math.Pow((Math.Sqrt(l / mu) - 1) / (Math.Sqrt(l / mu) + 1), 2))),
        ("nesterov", "Nesterov", k => 1 - 1 / Math.Sqrt(k), (mu, l) => new Nesterov(1 / l, (Math.Sqrt(l / mu) - 1) / (Math.Sqrt(l / mu) + 1))),
    ];

    public override ExperimentResult Run(MomentumConditioningOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var kappas = o.ConditionNumbers.Distinct().Order().ToArray();
        var measured = Methods.ToDictionary(m => m.Key, _ => new List<double>());
        var adamKappa = new List<double>();
        var adamIterations = new List<double>();
        double logInverse = Math.Log(1 / o.Tolerance);
        var random = context.Random("quadratic");

        using (var task = context.Progress.Start("quadratics", kappas.Length))
        {
            foreach (double kappa in kappas)
            {
                using var scope = NewDisposeScope();
                var (hessian, start) = Quadratic(o, kappa, random);
                foreach (var m in Methods)
                {
                    using var optimizer = m.Create(1, kappa);
                    measured[m.Key].Add(IterationsToTolerance(hessian, start, optimizer, o, context));
                }
                if (o.IncludeAdam)
                {
                    using var adam = new Adam(o.AdamLearningRate / kappa);
                    double n = IterationsToTolerance(hessian, start, adam, o, context);
                    if (!double.IsNaN(n)) { adamKappa.Add(kappa); adamIterations.Add(n); }
                }
                task.Advance(1, $"κ = {kappa:G4}: GD {measured["gd"][^1]}, Nesterov {measured["nesterov"][^1]}");
            }
        }

        var result = new ExperimentResult();
        var table = new Table("iterations").Add("kappa", kappas);
        var adamTable = new Table("adam").Add("kappa", adamKappa).Add("adam", adamIterations);
        foreach (var m in Methods)
        {
            table.Add(m.Key, measured[m.Key]);
            table.Add($"{m.Key}_theory", kappas.Select(k => logInverse / -Math.Log(m.Rate(k))));
        }
        result.Add(table);
        if (o.IncludeAdam) result.Add(adamTable);

        double[] expected = [1, 0.5, 0.5];
        string[] theory =
        [
            "theory: GD with step 2/(L+μ) contracts by (κ−1)/(κ+1), so iterations ≈ (κ/2) ln(1/ε)",
            "theory: heavy ball contracts by (√κ−1)/(√κ+1) on quadratics (polyak1964some), iterations ≈ (√κ/2) ln(1/ε)",
            "theory: Nesterov contracts by 1 − 1/√κ (nesterov1983method), iterations ≈ √κ ln(1/ε)",
        ];
        for (int i = 0; i < Methods.Length; i++)
        {
            var m = Methods[i];
            var converged = Enumerable.Range(0, kappas.Length).Where(j => !double.IsNaN(measured[m.Key][j])).ToArray();
            double slope = converged.Length >= 2
                ? LogLogFit.Slope(converged.Select(j => kappas[j]).ToArray(), converged.Select(j => measured[m.Key][j]).ToArray())
                : double.NaN;
            result.Add(new Finding($"slope_{m.Key}", slope, "1",
                $"Fitted log–log slope of {m.Label}'s iterations to ε = {NumberText.Short(o.Tolerance, 2)} against κ over [{NumberText.Short(kappas[0], 6)}, {NumberText.Short(kappas[^1], 6)}].",
                expected[i], theory[i]));
        }
        result.Add(new Finding("speedup_nesterov_at_max_kappa", measured["gd"][^1] / measured["nesterov"][^1], "1",
            $"Iterations of GD over those of Nesterov at κ = {kappas[^1]:G6} (theory: about √κ / 2 = {Math.Sqrt(kappas[^1]) / 2:G3}).",
            Math.Sqrt(kappas[^1]) / 2, "theory: (κ/2) / √κ"));
        if (o.IncludeAdam)
        {
            result.Add(new Finding("adam_converged", adamKappa.Count, "quadratics",
                $"Quadratics (of {kappas.Length}) on which Adam with η = {NumberText.Short(o.AdamLearningRate, 3)}/L reached ε within {o.MaxIterations} iterations."));
            if (adamKappa.Count >= 2)
                result.Add(new Finding("slope_adam", LogLogFit.Slope(adamKappa, adamIterations), "1",
                    "Fitted log–log slope of Adam's iterations against κ (no theory: Adam is not tuned from κ)."));
        }
        AddFigure(o, result, table, adamTable);
        return result;
    }

    /// <summary>A = Q diag(λ) Qᵀ with λ log-spaced from 1 to κ (both ends included), and a Gaussian start; x* = 0.</summary>
    private static (Tensor Hessian, Tensor Start) Quadratic(MomentumConditioningOptions o, double kappa, Random random)
    {
        int d = o.Dimension;
        var eigenvalues = Enumerable.Range(0, d).Select(i => Math.Pow(kappa, i / (double)(d - 1))).ToArray();
        var diagonal = diag(tensor(eigenvalues, dtype: float64));
        var start = tensor(Enumerable.Range(0, d).Select(_ => StandardNormal.Next(random)).ToArray(), dtype: float64);
        if (o.Basis == "diagonal") return (diagonal, start);
        var gaussian = tensor(Enumerable.Range(0, d * d).Select(_ => StandardNormal.Next(random)).ToArray(), dtype: float64).reshape(d, d);
        var (q, _) = linalg.qr(gaussian);
        return (q.matmul(diagonal).matmul(q.T), start);
    }

    /// <summary>First k with ‖x_k‖ ≤ ε‖x_0‖ (x* = 0), or NaN when the cap is reached first.</summary>
    private static double IterationsToTolerance(Tensor hessian, Tensor start, IOptimizer optimizer, MomentumConditioningOptions o, RunContext context)
    {
        using var x = start.clone();
        double threshold = o.Tolerance * start.norm().ToDouble();
        int? reached = VectorDescent.Run(x, optimizer, (x, _) => hessian.matmul(x), o.MaxIterations,
            (x, k) => k > 0 && x.norm().ToDouble() <= threshold, context.Cancellation);
        return reached ?? double.NaN;
    }

    private static void AddFigure(MomentumConditioningOptions o, ExperimentResult result, Table table, Table adam)
    {
        var series = new List<Series>();
        foreach (var m in Methods)
        {
            series.Add(new Markers(table.Name, "kappa", m.Key, m.Label));
            series.Add(new Line(table.Name, "kappa", $"{m.Key}_theory", $"theory, {m.Label}", Dashed: true));
        }
        if (o.IncludeAdam && adam.RowCount > 0) series.Add(new Markers(adam.Name, "kappa", "adam", "Adam"));
        // Head room above the data for the legend, which would otherwise cover the momentum methods' points.
        var counts = Methods.SelectMany(m => table.Numbers(m.Key).Concat(table.Numbers($"{m.Key}_theory")))
            .Concat(o.IncludeAdam ? adam.Numbers("adam") : []).Where(double.IsFinite).ToList();
        result.Add(new Figure("iterations-vs-kappa",
            $"Iterations to reach ‖x − x*‖ ≤ {NumberText.Short(o.Tolerance, 2)}‖x₀ − x*‖ on quadratics of condition number κ ({o.Basis} eigenbasis, d = {o.Dimension}); " +
            "markers: measured, dashed: ln(1/ε)/ln(1/ρ) with each method's contraction factor ρ.",
            new Axis("condition number κ", Log: true), new Axis("iterations to ε", Log: true, counts.Min() / 2, counts.Max() * 300), series)
        { Legend = LegendPlace.UpperLeft });
    }
}
