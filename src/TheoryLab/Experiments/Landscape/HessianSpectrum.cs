using TheoryLab.Analysis;
using TheoryLab.Analysis.Curvature;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Spectra;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// Options of <see cref="HessianSpectrum"/>. Defaults are Pennington and Bahri's setting: single-hidden-layer tanh
/// networks without biases whose input, hidden and output widths all equal n = 16 (2n² = 512 parameters), inputs and
/// targets drawn from a standard normal, squared loss ε = (1/2mn) Σ‖ŷ − y‖²; φ = 2n²/(mn) = 2n/m sets the number of
/// examples m. The numbers of trainings and starting points are scaled to this 2-core CPU (the paper used many more).
/// </summary>
public sealed record HessianSpectrumOptions
{
    [Option("n: the input, hidden and output width (2n² parameters); every search step forms and diagonalises the 2n² × 2n² Hessian, so from n ≈ 32 the cost grows as n⁶ (--dry-run estimates it: hours at n = 48)", Min = 2, Max = 64)]
    public int Width { get; init; } = 16;

    [Option("φ = parameters / (examples × outputs) = 2n/m; each sets the number of examples m = round(2n/φ)", Min = 0.01, Max = 4)]
    public double[] Phis { get; init; } = [0.125, 0.25, 0.5];

    [Option("independent draws of data, targets and initial weights per φ", Min = 1, Max = 100)]
    public int Trainings { get; init; } = 3;

    [Option("starting points per training for the critical-point search: snapshots of gradient descent at log-spaced steps, the initial weights first", Min = 2, Max = 100)]
    public int Starts { get; init; } = 10;

    [Option("full-batch gradient-descent steps of each training (the snapshots span them)", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int TrainingSteps { get; init; } = 3000;

    [Option("gradient-descent learning rate (heavy-ball momentum 0.9)", Min = 1e-4, Max = 100)]
    public double LearningRate { get; init; } = 0.5;

    [Option("Newton (Levenberg–Marquardt) steps at most per critical-point search", Min = 1, Max = 1000)]
    public int NewtonSteps { get; init; } = 60;

    [Option("‖∇ε‖ below which a search's end point counts as (approximately) critical; searches on these networks stall near 1e-4 (gradient-flat regions), so the default accepts near-critical points and the table keeps every ‖∇ε‖", Min = 1e-14, Max = 1e-1)]
    public double GradientTolerance { get; init; } = 1e-3;

    [Option("points of the first training run (at the middle φ) where the spectrum is measured as it trains", Min = 2, Max = 50)]
    public int EvolutionPoints { get; init; } = 6;

    [Option("stochastic Lanczos quadrature along training: probe vectors (the spread over repeats of a fifth of them is reported)", Min = 5, Max = 1000)]
    public int SlqProbes { get; init; } = 10;

    [Option("stochastic Lanczos quadrature along training: Lanczos steps per probe", Min = 2, Max = 1000,
        Derived = "60, or one per parameter (2n²) when there are fewer")]
    public int SlqSteps { get => _slqSteps ?? Math.Min(60, 2 * Width * Width); init => _slqSteps = value; }

    private readonly int? _slqSteps;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Hessian spectra at critical points of a one-hidden-layer network against random-matrix theory (Pennington and Bahri
/// 2017): the Hessian of the squared loss splits as H = H₀ + H₁, H₀ = JᵀJ/(mn) (the Gauss–Newton part, modelled as
/// Wishart) and H₁ = Σ eᵢ∇²ŷᵢ/(mn) (the residual part, modelled as Wigner with variance ∝ ε); their free sum predicts a
/// spectrum whose negative part, the index α, grows as α₀|(ε − ε_c)/ε_c|^{3/2} above a critical loss ε_c(φ). Critical
/// points are found by a Newton-type search on ∇ε = 0 from points along gradient-descent runs, their exact Hessians
/// diagonalised, and the law fitted; the spectrum is also followed through one training run with the Lanczos and SLQ
/// tools.
/// </summary>
public sealed partial class HessianSpectrum : Experiment<HessianSpectrumOptions>
{
    public override string Id => "hessian-spectrum";
    public override string Title => "Hessian spectra at critical points against random-matrix theory";
    public override Topic Topic => Topic.Landscape;
    public override IReadOnlyList<string> Papers => ["pennington2017geometry", "ghorbani2019investigation", "ubaru2017fast"];

    public override string Summary =>
        "Critical points of one-hidden-layer tanh networks (n = 16, random data and targets), found by Levenberg–Marquardt " +
        "on ∇ε = 0 from points along gradient descent: their exact Hessian spectra against Pennington and Bahri's " +
        "Wishart-plus-Wigner prediction, the index α against the loss ε with α₀|(ε − ε_c)/ε_c|^p fitted (p against 3/2), " +
        "and the top eigenvalue and density (Lanczos, stochastic Lanczos quadrature) during training. Fewer trainings " +
        "than the paper, to fit a 2-core CPU.";

    public override HessianSpectrumOptions Quick => new()
    {
        Width = 6,
        Phis = [0.25, 0.5],
        Trainings = 2,
        Starts = 5,
        TrainingSteps = 1000,
        NewtonSteps = 30,
        EvolutionPoints = 4,
        SlqProbes = 5,
        SlqSteps = 30,
    };

    public override CostEstimate EstimateCost(HessianSpectrumOptions o)
    {
        // A search step forms the dense Hessian (in closed form, over m examples) and diagonalises it; a search takes
        // its Newton steps (16 on average when allowed) plus two step costs at its end point, for H₀ and H₁ (the search
        // hands over H itself).
        int parameters = 2 * o.Width * o.Width;
        int threads = o.Runtime.Threads == 0 ? Environment.ProcessorCount : Math.Min(o.Runtime.Threads, Environment.ProcessorCount);
        double eigenSpeedUp = Math.Pow(threads, CostCalibration.HessianSpectrum.EigendecompositionThreadExponent);
        double StepSeconds(int examples) =>
            parameters * (CostCalibration.HessianSpectrum.SecondsPerParameter + CostCalibration.HessianSpectrum.SecondsPerParameterSquaredExample * examples * parameters)
            + CostCalibration.HessianSpectrum.SecondsPerEigendecomposition512 * Math.Pow(parameters / 512.0, 3) / eigenSpeedUp;
        double stepsPerSearch = Math.Min(o.NewtonSteps + 1, 16) + 2;
        double searchSeconds = o.Phis.Sum(phi => o.Trainings * o.Starts * stepsPerSearch * StepSeconds(Examples(o.Width, phi)));
        double seconds = searchSeconds + o.Phis.Length * o.Trainings * o.TrainingSteps * CostCalibration.HessianSpectrum.SecondsPerTrainingStep + 2;
        return new CostEstimate((long)(o.Phis.Length * o.Trainings * o.Starts), "critical-point searches", TimeSpan.FromSeconds(seconds));
    }

    protected override IEnumerable<string> Inconsistencies(HessianSpectrumOptions o)
    {
        if (o.SlqSteps > 2 * o.Width * o.Width)
            yield return $"slq_steps = {o.SlqSteps} exceeds the {2 * o.Width * o.Width} parameters; use at most that many.";
        if (o.Phis.Distinct().Count() != o.Phis.Length)
            yield return "phis repeats a value; give each φ once.";
    }

    public override ExperimentResult Run(HessianSpectrumOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: the φ in increasing order, every critical point found
    /// (φ by φ, training by training, start by start), the index law fitted to them, and the spectrum along the
    /// followed training run.
    /// </summary>
    private sealed record Measurement(double[] Phis, List<MeasuredPoint> Points, IndexLaw Law, TrainingEvolution Evolution);

    private static Measurement Measure(HessianSpectrumOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var phis = o.Phis.Order().ToArray();
        var points = new List<MeasuredPoint>();
        TrainingEvolution? evolution = null;
        using (var task = context.Progress.Start("critical-point searches", phis.Length * o.Trainings * o.Starts))
        {
            for (int p = 0; p < phis.Length; p++)
            {
                int examples = Examples(o.Width, phis[p]);
                for (int t = 0; t < o.Trainings; t++)
                {
                    using var scope = NewDisposeScope();
                    var problem = NewProblem(o.Width, examples, Seeds.Derive(context.Seed, $"phi {phis[p]}, training {t}"));
                    bool follow = t == 0 && p == phis.Length / 2;
                    var (starts, followed) = Train(problem, o, follow, context);
                    evolution ??= followed;
                    foreach (var (step, start) in starts)
                    {
                        ParameterVector.Of(problem.Model).Write(start);
                        points.Add(CriticalPoint(problem, o, RealPhi(o.Width, examples), t, step, context));
                        task.Advance(1, $"φ = {phis[p]:G3}: ε = {points[^1].Loss:F4}, α = {points[^1].Index:F3}");
                    }
                }
            }
        }
        return new Measurement(phis, points, FitIndexLaw(o, phis, points), evolution!);
    }

    /// <summary>m = round(2n/φ): the number of examples for a φ.</summary>
    public static int Examples(int width, double phi) => Math.Max(1, (int)Math.Round(2.0 * width / phi));

    /// <summary>The φ = 2n/m the rounded number of examples gives.</summary>
    public static double RealPhi(int width, int examples) => 2.0 * width / examples;

    /// <summary>The network ŷ = W₂ tanh(W₁x) in float64, weights N(0, 1/n), with m standard-normal inputs and targets.</summary>
    public static Problem NewProblem(int width, int examples, int seed)
    {
        var generator = new Generator((ulong)seed);
        var model = nn.Sequential(("hidden", nn.Linear(width, width, hasBias: false, dtype: float64)), ("tanh", nn.Tanh()),
            ("output", nn.Linear(width, width, hasBias: false, dtype: float64)));
        using (no_grad())
        {
            using var rootWidth = Math.Sqrt(width).ToScalar();
            foreach (var p in model.parameters()) p.copy_(randn(p.shape, dtype: float64, generator: generator).div_(rootWidth));
        }
        var inputs = randn(examples, width, dtype: float64, generator: generator);
        var targets = randn(examples, width, dtype: float64, generator: generator);
        return new Problem(model, new TensorBatches(inputs, targets, examples, shuffle: false), SquaredLoss);
    }

    /// <summary>ε = (1/2mn) Σ_μ ‖ŷ_μ − y_μ‖²: half the mean squared residual over examples and outputs.</summary>
    public static Tensor SquaredLoss(nn.Module<Tensor, Tensor> model, Batch batch)
    {
        using var half = 0.5.ToScalar();
        return model.forward(batch.Inputs).sub(batch.Targets!).Squared().mean().mul(half);
    }

    /// <summary>What the spectrum looked like at a few points of one training run.</summary>
    private sealed record TrainingEvolution(
        double Phi, int Parameters, List<long> Steps, List<double> Losses, List<double> Top, List<Spread> TopLanczos,
        List<double> Index, List<Spread> IndexSlq, List<double[]> Exact, List<StochasticLanczosQuadrature> Slq);

    /// <summary>
    /// Full-batch gradient descent with heavy-ball momentum; the parameters at log-spaced steps (step 0 first) are the
    /// starting points. When <paramref name="follow"/>, the spectrum is also measured at <see cref="HessianSpectrumOptions.EvolutionPoints"/>
    /// log-spaced steps with the exact Hessian, Lanczos and SLQ.
    /// </summary>
    private static (List<(long Step, Tensor Parameters)> Starts, TrainingEvolution? Evolution) Train(Problem problem, HessianSpectrumOptions o, bool follow, RunContext context)
    {
        var theta = ParameterVector.Of(problem.Model);
        var startSteps = LogSteps(o.TrainingSteps, o.Starts);
        var evolutionSteps = follow ? LogSteps(o.TrainingSteps, o.EvolutionPoints) : [];
        var starts = new List<(long, Tensor)>();
        var random = context.Random("training spectra");
        var evolution = follow ? new TrainingEvolution(RealPhi(o.Width, (int)problem.Data.Count), (int)theta.Length, [], [], [], [], [], [], [], []) : null;
        TrainingCallback snapshot = moment =>
        {
            if (startSteps.Contains(moment.Step)) starts.Add((moment.Step, theta.Flatten()));
            if (evolution is not null && evolutionSteps.Contains(moment.Step)) Follow(problem, o, moment.Step, evolution, random);
        };
        Trainer.Train(problem, new SgdSettings(o.LearningRate, momentum: 0.9), o.TrainingSteps, [snapshot], context.Cancellation);
        return (starts, evolution);
    }

    private static void Follow(Problem problem, HessianSpectrumOptions o, long step, TrainingEvolution evolution, Random random)
    {
        using var scope = NewDisposeScope();
        using var hessian = HessianOperator.OverData(problem);
        var exact = HessianQuantities.ExactEigenvalues(hessian);
        evolution.Steps.Add(step);
        evolution.Losses.Add(hessian.Loss);
        evolution.Top.Add(exact[^1]);
        evolution.Index.Add((double)exact.Count(l => l < 0) / exact.Length);
        evolution.Exact.Add(exact);
        evolution.TopLanczos.Add(HessianQuantities.TopEigenvalues(hessian, 1, o.SlqSteps, 5, random)[0]);
        var slq = HessianQuantities.Density(hessian, o.SlqProbes, o.SlqSteps, random);
        evolution.Slq.Add(slq);
        evolution.IndexSlq.Add(slq.FractionBelow(0, 5));
    }

    /// <summary>k distinct steps log-spaced over [1, T], with 0 first.</summary>
    private static HashSet<long> LogSteps(int total, int count) =>
        [0, .. Enumerable.Range(0, count - 1).Select(i => (long)Math.Round(Math.Pow(total, count == 2 ? 1 : i / (count - 2.0))))];

    /// <summary>One critical-point search from the model's current parameters, and the Hessian's parts where it ended.</summary>
    private static MeasuredPoint CriticalPoint(Problem problem, HessianSpectrumOptions o, double phi, int training, long start, RunContext context)
    {
        using var scope = NewDisposeScope();
        var batches = problem.Data.Epoch(0).ToList();
        int n = (int)ParameterVector.Of(problem.Model).Length;
        var hessian = empty(n, n, dtype: float64);
        var point = CriticalPointSearch.Refine(problem, batches, o.NewtonSteps, o.GradientTolerance, cancellation: context.Cancellation,
            exactHessian: () => ExactHessian(problem, batches), atEndPoint: h => hessian.copy_(h));
        // H₀ = JᵀJ/(mn), the Gauss–Newton part; H₁, the residual part, is what is left.
        var gaussNewton = ExactHessian(problem, batches, gaussNewtonOnly: true);
        double scale = gaussNewton.trace().AsDouble() / n;
        var residualPart = hessian - gaussNewton;
        double wignerVariance = residualPart.Squared().sum().AsDouble() / n / (scale * scale);
        var normalised = point.Eigenvalues.Select(l => l / scale).ToArray();
        using var meanEigenvalue = scale.ToScalar();
        return new MeasuredPoint(phi, training, start, point.Loss, point.Index, point.GradientNorm, point.Converged, scale, wignerVariance,
            normalised, linalg.eigvalsh(gaussNewton).div(meanEigenvalue).data<double>().ToArray());
    }

    /// <summary>One critical point: where it came from, its loss and index, and its Hessian's spectrum in units of H₀'s mean eigenvalue.</summary>
    private sealed record MeasuredPoint(double Phi, int Training, long Start, double Loss, double Index, double GradientNorm, bool Converged,
        double GaussNewtonScale, double WignerVariance, double[] Spectrum, double[] GaussNewtonSpectrum)
    {
        /// <summary>Pennington and Bahri's index for this ε and φ: the mass below 0 of MP(φ) ⊞ semicircle(2ε).</summary>
        public double TheoryIndex => FreeSumIndex.At(Phi, Loss);

        /// <summary>The same free sum with the Wigner variance measured (tr H₁²/n over the squared H₀ scale) instead of 2ε.</summary>
        public double MeasuredVarianceIndex => new WishartPlusWigner(Phi, WignerVariance).FractionBelow(0);
    }
}
