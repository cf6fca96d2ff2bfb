using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// Options of <see cref="SgdNoiseFloor"/>. Defaults: ridge least squares with n = 1000 samples of d = 20 Gaussian
/// features whose variances span a factor 10, label noise 0.5, λ = 0.01; fixed steps from 1/(32L_max) to 1/(2L_max).
/// The logistic problem is ℓ2-regularised logistic regression on the first n MNIST-1D training sequences (digits 0–4
/// against 5–9). Bottou, Curtis and Nocedal state the theory for any such problem; the sizes are chosen to run in seconds.
/// </summary>
public sealed record SgdNoiseFloorOptions
{
    [Option("the strongly convex problem: least-squares (ridge regression on Gaussian features) or logistic (ℓ2-regularised logistic regression on MNIST-1D, digits 0–4 against 5–9)",
        Choices = ["least-squares", "logistic"])]
    public string Problem { get; init; } = "least-squares";

    [Option("n, samples in the finite sum (logistic: the first n of MNIST-1D's 4,000 training sequences)", Min = 10, Max = 1_000_000)]
    public int Samples { get; init; } = 1000;

    [Option("d, features (the dimension of x; least squares only: logistic has MNIST-1D's 40 points and an intercept)", Min = 1, Max = 2000)]
    public int Features { get; init; } = 20;

    [Option("ratio of the largest to the smallest feature variance (sets the condition number κ = L/μ roughly; least squares only)", Min = 1, Max = 1e4)]
    public double FeatureVarianceRatio { get; init; } = 10;

    [Option("standard deviation of the label noise: the residual at x* that keeps SGD's gradients noisy (least squares only)", Min = 0, Max = 100)]
    public double LabelNoise { get; init; } = 0.5;

    [Option("λ, the ridge penalty (λ/2)‖x‖² (logistic needs λ > 0: it is then the strong-convexity constant c)", Min = 0, Max = 100)]
    public double Ridge { get; init; } = 0.01;

    [Option("fixed steps α as fractions of 1/L_max, L_max = maxᵢ ‖aᵢ‖² + λ the largest component smoothness (single-sample SGD diverges near 2/L_max)", Min = 1e-6, Max = 1)]
    public double[] StepFractions { get; init; } = [1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2];

    [Option("iterations per run, in relaxation times 1/(α_min μ) of the smallest step; the plateau is the mean gap over the second half", Min = 2, Max = 1000)]
    public double Horizon { get; init; } = 8;

    [Option("geometric batch growth ξ: the batch at iteration k is ⌈ξᵏ⌉, up to n (step: the largest fixed α)", Min = 1.0001, Max = 2)]
    public double BatchGrowth { get; init; } = 1.01;

    [Option("SVRG outer epochs", Min = 1, Max = 1000, Unit = "epochs")]
    public int SvrgEpochs { get; init; } = 12;

    [Option("SVRG inner steps per epoch, as a multiple of n (Johnson and Zhang use 2n for convex problems)", Min = 0.01, Max = 100)]
    public double SvrgInnerMultiple { get; init; } = 2;

    [Option("SVRG step α as a fraction of 1/L_max (Johnson and Zhang's analysis, with L the components' smoothness, needs α < 1/(4L_max))", Min = 1e-4, Max = 1)]
    public double SvrgStepFraction { get; init; } = 0.1;
}

/// <summary>
/// SGD's noise floor on a strongly convex problem whose optimum is known to machine precision (ridge least squares by
/// Cholesky, ℓ2-regularised logistic regression by Newton's method): with a fixed step α the optimality gap
/// F(x_k) − F* stops falling at a plateau proportional to α (Bottou, Curtis and Nocedal 2018, Theorem 4.6: at most
/// αLM/(2c)); a diminishing step α_k = β/(γ + k), and a geometrically growing batch, drive the gap to zero; SVRG
/// (Johnson and Zhang 2013) removes the noise and converges linearly with a fixed step.
/// </summary>
public sealed partial class SgdNoiseFloor : Experiment<SgdNoiseFloorOptions>
{
    /// <summary>SVRG's rate is fitted over the epochs whose gap is still above this fraction of the first: below it round-off flattens the decay.</summary>
    private const double SvrgFitFloor = 1e-12;

    private const int CurvePoints = 120;
    private const int PlateauSamples = 400;
    private readonly Func<string, DataStore, int, TrainTest> _load;

    /// <summary>The experiment with MNIST-1D from <see cref="Datasets"/> for the logistic problem.</summary>
    public SgdNoiseFloor() : this(Datasets.Load) { }

    /// <summary>The experiment with a loader of one's own for the logistic problem's MNIST-1D features.</summary>
    public SgdNoiseFloor(Func<string, DataStore, int, TrainTest> load) => _load = load;

    public override string Id => "sgd-noise-floor";
    public override string Title => "SGD's noise floor, diminishing steps, growing batches and SVRG";
    public override Topic Topic => Topic.Optimization;
    public override IReadOnlyList<string> Papers => ["bottou2018optimization", "johnson2013accelerating", "greydanus2020scaling"];

    public override string Summary =>
        "On ridge least squares, where F* is exact (Cholesky), or ℓ2-regularised logistic regression on MNIST-1D, where " +
        "Newton's method finds it to machine precision, SGD with a fixed step α plateaus at an optimality gap proportional " +
        "to α, below Bottou–Curtis–Nocedal's αLM/(2c) and close to the small-α value αM/4 of the local quadratic; a 1/k " +
        "step and a geometrically growing batch close the gap, and SVRG converges linearly.";

    public override SgdNoiseFloorOptions Quick => new()
    {
        Samples = 200,
        Features = 8,
        StepFractions = [1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2],
        Horizon = 12,
        BatchGrowth = 1.03,
        SvrgEpochs = 8,
    };

    protected override IEnumerable<string> Inconsistencies(SgdNoiseFloorOptions o)
    {
        if (o.Problem == "logistic" && !(o.Ridge > 0))
            yield return "problem=logistic needs ridge > 0 (it is the strong-convexity constant); set for example ridge=0.01.";
        if (o.Problem == "logistic" && o.Samples > Mnist1DTrainCount)
            yield return $"problem=logistic draws its samples from MNIST-1D's {Mnist1DTrainCount:N0} training sequences; set samples to at most {Mnist1DTrainCount}.";
    }

    private const int Mnist1DTrainCount = 4000;

    public override CostEstimate EstimateCost(SgdNoiseFloorOptions o)
    {
        // L_max/μ* from the options. Least squares: E‖aᵢ‖² is d times the mean of the log-spaced variances, the largest
        // row about twice that, and μ about the smallest variance times (1 − √(d/n))². Logistic on MNIST-1D: L_max ≈ 33
        // and μ* ≈ λ + 0.0018 (measured at n = 300 and 1000).
        double conditioning, features;
        if (o.Problem == "logistic")
        {
            conditioning = 33 / (o.Ridge + 0.0018);
            features = 41;
        }
        else
        {
            double r = o.FeatureVarianceRatio;
            double meanVariance = r > 1 + 1e-9 ? (r - 1) / Math.Log(r) : 1;
            conditioning = 2 * o.Features * meanVariance / Math.Pow(1 - Math.Sqrt(Math.Min(0.9, (double)o.Features / o.Samples)), 2);
            features = o.Features;
        }
        double iterations = o.Horizon / o.StepFractions.Min() * conditioning;
        double steps = iterations * (o.StepFractions.Distinct().Count() + 2) + o.SvrgEpochs * (o.Samples + 2 * o.SvrgInnerMultiple * o.Samples);
        return new CostEstimate((long)steps, "SGD steps", TimeSpan.FromSeconds(CostCalibration.SgdNoiseFloor.SecondsPerStep * steps + CostCalibration.SgdNoiseFloor.SecondsPerExampleFeature * iterations * o.Samples * features + 2));
    }

    public override ExperimentResult Run(SgdNoiseFloorOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The constants of the finite sum that the theory is stated in, computed from the problem itself.</summary>
    /// <param name="Smoothness">L, the smoothness of F.</param>
    /// <param name="StrongConvexity">c, its strong-convexity constant.</param>
    /// <param name="GradientVariance">M = E‖∇fᵢ(x*)‖².</param>
    /// <param name="ComponentSmoothness">L_max, the largest smoothness of a single component.</param>
    /// <param name="LocalCurvature">μ*, the smallest eigenvalue of ∇²F(x*).</param>
    /// <param name="GradientNormAtMinimizer">‖∇F(x*)‖ at the computed minimiser.</param>
    private sealed record ProblemConstants(double Smoothness, double StrongConvexity, double GradientVariance, double ComponentSmoothness,
        double LocalCurvature, double GradientNormAtMinimizer);

    /// <summary>
    /// What a run measures: the gap on the log grid of iterations for each fixed step (and its plateau), the diminishing
    /// step and the growing batch, and SVRG's gap at each snapshot.
    /// </summary>
    private sealed record Measurement(ProblemConstants Problem, double[] Alphas, int Iterations, int[] Grid, List<double[]> FixedStepGaps,
        List<double> Plateaus, double[] DiminishingGaps, double[] GrowingBatchGaps, List<double> SvrgGaps, double SvrgGradientsPerEpoch);

    private Measurement Measure(SgdNoiseFloorOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using IStronglyConvexSum problem = o.Problem == "logistic" ? LogisticProblem(o, context) : LeastSquaresProblem(o, context.Random("data"));
        var constants = new ProblemConstants(problem.Smoothness, problem.StrongConvexity, problem.GradientVarianceAtMinimizer,
            problem.ComponentSmoothness, problem.CurvatureAtMinimizer, GradientNorm(problem));
        var alphas = o.StepFractions.Distinct().Order().Select(f => f / constants.ComponentSmoothness).ToArray();
        // Near x* the gap relaxes at the rate αμ* of the local curvature (for least squares μ* = μ).
        int iterations = (int)Math.Ceiling(o.Horizon / (alphas[0] * constants.LocalCurvature));
        var grid = LogGrid(iterations);
        var sampler = context.Random("sampling");

        var fixedStep = new List<double[]>();
        var plateaus = new List<double>();
        double[] decaying, growing;
        using (var task = context.Progress.Start("SGD runs", alphas.Length + 1))
        {
            for (int i = 0; i < alphas.Length; i++)
            {
                using var sgd = new Sgd(alphas[i]);
                var (curve, plateau) = RunSgd(problem, sgd, iterations, grid, sampler, context);
                fixedStep.Add(curve);
                plateaus.Add(plateau);
                task.Advance(1, $"α = {o.StepFractions.Distinct().Order().ElementAt(i):G3}/L_max: plateau {plateau:E2}");
            }
            double beta = 2 / constants.StrongConvexity;
            using var diminishing = new Sgd(new InverseTimeStep(beta, beta / alphas[^1]));
            (decaying, _) = RunSgd(problem, diminishing, iterations, grid, sampler, context);
            growing = RunGrowingBatch(problem, alphas[^1], o.BatchGrowth, iterations, grid, sampler, context);
            task.Advance(1, "diminishing step and growing batch");
        }
        var (svrgGaps, gradientsPerEpoch) = RunSvrg(problem, o, sampler, context);
        return new Measurement(constants, alphas, iterations, grid, fixedStep, plateaus, decaying, growing, svrgGaps, gradientsPerEpoch);
    }

    private static int InnerSteps(SgdNoiseFloorOptions o) => Math.Max(1, (int)Math.Round(o.SvrgInnerMultiple * o.Samples));

    private static double GradientNorm(IStronglyConvexSum problem)
    {
        using var gradient = problem.FullGradient(problem.Minimizer);
        return gradient.norm().AsDouble();
    }

    /// <summary>
    /// The first n MNIST-1D training sequences, standardised by the training set's mean and deviation, with an
    /// intercept column of ones (penalised like the rest, so λ is a strong-convexity constant); y = +1 for digits 0–4.
    /// </summary>
    private LogisticSum LogisticProblem(SgdNoiseFloorOptions o, RunContext context)
    {
        var train = _load("mnist1d", context.Data, context.Seed).Train;
        using var scope = NewDisposeScope();
        var (inputs, labels) = train.Standardised(train, CPU);
        var features = inputs.narrow(0, 0, o.Samples).to_type(float64);
        var design = cat([features, ones(o.Samples, 1, dtype: float64)], 1);
        using Scalar five = 5.ToScalar(), two = 2.ToScalar(), one = 1.ToScalar();
        var signs = labels.narrow(0, 0, o.Samples).lt(five).to_type(float64).mul_(two).sub_(one);
        return new LogisticSum(design, signs, o.Ridge);
    }

    /// <summary>Features N(0, s_j²) with s_j² log-spaced over the variance ratio, targets aᵀw + noise, w ~ N(0, I).</summary>
    private static LeastSquaresSum LeastSquaresProblem(SgdNoiseFloorOptions o, Random random)
    {
        int n = o.Samples, d = o.Features;
        var scales = Enumerable.Range(0, d).Select(j => Math.Sqrt(Math.Pow(o.FeatureVarianceRatio, d == 1 ? 0 : j / (d - 1.0)))).ToArray();
        var weights = Enumerable.Range(0, d).Select(_ => StandardNormal.Next(random)).ToArray();
        var a = new double[n * d];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            double dot = 0;
            for (int j = 0; j < d; j++)
            {
                a[i * d + j] = scales[j] * StandardNormal.Next(random);
                dot += a[i * d + j] * weights[j];
            }
            b[i] = dot + o.LabelNoise * StandardNormal.Next(random);
        }
        using var scope = NewDisposeScope();
        return new LeastSquaresSum(tensor(a, dtype: float64).reshape(n, d), tensor(b, dtype: float64), o.Ridge);
    }

    /// <summary>About <see cref="CurvePoints"/> distinct iteration counts log-spaced from 1 to <paramref name="iterations"/>.</summary>
    private static int[] LogGrid(int iterations) =>
        Enumerable.Range(0, CurvePoints).Select(j => (int)Math.Round(Math.Pow(iterations, j / (CurvePoints - 1.0)))).Distinct().ToArray();

    /// <summary>Single-sample SGD from 0: the gap at the grid's iterations and its mean over the second half.</summary>
    private static (double[] Curve, double Plateau) RunSgd(IStronglyConvexSum problem, IOptimizer optimizer, int iterations, int[] grid, Random sampler, RunContext context)
    {
        using var x = zeros(problem.Dimension, dtype: float64);
        var curve = new double[grid.Length];
        int next = 0;
        int stride = Math.Max(1, iterations / 2 / PlateauSamples);
        double sum = 0;
        int count = 0;
        int[] index = [0];
        VectorDescent.Run(x, optimizer, (x, _) =>
        {
            index[0] = sampler.Next(problem.Count);
            return problem.Gradient(x, index);
        }, iterations, (x, k) =>
        {
            bool onGrid = next < grid.Length && grid[next] == k;
            bool averaged = k > iterations / 2 && (k - iterations / 2) % stride == 0;
            if (!onGrid && !averaged) return false;
            double gap = problem.Gap(x);
            if (onGrid) curve[next++] = gap;
            if (averaged) { sum += gap; count++; }
            return false;
        }, context.Cancellation);
        return (curve, sum / count);
    }

    /// <summary>
    /// SGD with a fixed step and batches of ⌈ξᵏ⌉ samples drawn with replacement, capped at n (so it ends as
    /// full-batch gradient descent with that step): the gap at the grid's iterations.
    /// </summary>
    private static double[] RunGrowingBatch(IStronglyConvexSum problem, double alpha, double growth, int iterations, int[] grid, Random sampler, RunContext context)
    {
        using var x = zeros(problem.Dimension, dtype: float64);
        using var sgd = new Sgd(alpha);
        var curve = new double[grid.Length];
        int next = 0;
        VectorDescent.Run(x, sgd, (x, k) =>
        {
            double size = Math.Pow(growth, k);
            // Once a batch would hold the whole sum: the full gradient, without gathering every row into a copy first.
            if (size >= problem.Count) return problem.FullGradient(x);
            var indices = new int[(int)Math.Ceiling(size)];
            for (int j = 0; j < indices.Length; j++) indices[j] = sampler.Next(problem.Count);
            return problem.Gradient(x, indices);
        }, iterations, (x, k) =>
        {
            if (next < grid.Length && grid[next] == k) curve[next++] = problem.Gap(x);
            return false;
        }, context.Cancellation);
        return curve;
    }

    /// <summary>SVRG from 0: the gap at each snapshot (epoch 0 is the start) and the component gradients spent.</summary>
    private static (List<double> Gaps, double GradientsPerEpoch) RunSvrg(IStronglyConvexSum problem, SgdNoiseFloorOptions o, Random sampler, RunContext context)
    {
        var svrg = new Svrg(o.SvrgStepFraction / problem.ComponentSmoothness, InnerSteps(o));
        var x = zeros(problem.Dimension, dtype: float64);
        var gaps = new List<double> { problem.Gap(x) };
        using (var task = context.Progress.Start("SVRG", o.SvrgEpochs))
        {
            for (int s = 1; s <= o.SvrgEpochs; s++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var next = svrg.Epoch(problem, x, sampler);
                x.Dispose();
                x = next;
                gaps.Add(problem.Gap(x));
                task.Advance(1, $"gap {gaps[^1]:E2}");
            }
        }
        x.Dispose();
        return (gaps, svrg.GradientsPerEpoch(problem));
    }
}
