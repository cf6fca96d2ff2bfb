using TheoryLab.Kernel;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
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
public sealed partial class MomentumConditioning : Experiment<MomentumConditioningOptions>
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

    /// <summary>
    /// A method tuned from μ and L: its key in tables, its label, its contraction factor ρ(κ) per iteration on quadratics
    /// of condition number κ, and its optimiser for (μ, L).
    /// </summary>
    public sealed record TunedMethod(string Key, string Label, Func<double, double> Rate, Func<double, double, IOptimizer> Create)
    {
        /// <summary>ln(1/ε)/ln(1/ρ): the iterations theory expects to reach ‖x − x*‖ ≤ ε‖x₀ − x*‖ at condition number κ.</summary>
        public double Iterations(double kappa, double tolerance) => Math.Log(1 / tolerance) / -Math.Log(Rate(kappa));
    }

    /// <summary>The three tuned methods, whose rates the explorer also draws live.</summary>
    public static IReadOnlyList<TunedMethod> Methods { get; } =
    [
        new("gd", "gradient descent", k => (k - 1) / (k + 1), (mu, l) => new Sgd(2 / (l + mu))),
        new("heavy_ball", "heavy ball", k => (Math.Sqrt(k) - 1) / (Math.Sqrt(k) + 1),
            (mu, l) => new HeavyBall(4 / Math.Pow(Math.Sqrt(l) + Math.Sqrt(mu), 2), Math.Pow((Math.Sqrt(l / mu) - 1) / (Math.Sqrt(l / mu) + 1), 2))),
        new("nesterov", "Nesterov", k => 1 - 1 / Math.Sqrt(k), (mu, l) => new Nesterov(1 / l, (Math.Sqrt(l / mu) - 1) / (Math.Sqrt(l / mu) + 1))),
    ];

    public override ExperimentResult Run(MomentumConditioningOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: iterations to ε of each tuned method at each κ (NaN
    /// where the cap came first), and Adam's at the κ where it converged.
    /// </summary>
    private sealed record Measurement(double[] Kappas, IReadOnlyDictionary<string, List<double>> Iterations, List<double> AdamKappas, List<double> AdamIterations);

    private static Measurement Measure(MomentumConditioningOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var kappas = o.ConditionNumbers.Distinct().Order().ToArray();
        var measured = Methods.ToDictionary(m => m.Key, _ => new List<double>());
        var adamKappa = new List<double>();
        var adamIterations = new List<double>();
        var random = context.Random("quadratic");

        using var task = context.Progress.Start("quadratics", kappas.Length);
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
        return new Measurement(kappas, measured, adamKappa, adamIterations);
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
        double threshold = o.Tolerance * start.norm().AsDouble();
        int? reached = VectorDescent.Run(x, optimizer, (x, _) => hessian.matmul(x), o.MaxIterations,
            (x, k) => k > 0 && x.norm().AsDouble() <= threshold, context.Cancellation);
        return reached ?? double.NaN;
    }
}
