using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Models.Pruning;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// Options of <see cref="SparseApproximation"/>. The papers state theorems, not a numerical setting: the constructions
/// run over a range where their rates show; the trained networks are a 1-32-32-32-1 ReLU perceptron (2,112 weights)
/// pruned to 1/2 … 1/32 of its weights, sized for a 2-core CPU.
/// </summary>
public sealed record SparseApproximationOptions
{
    [Option("Sawtooth levels of Yarotsky's x² network f_m; the sweep runs m = 1..M (sup error 2^{−2m−2} with 8m − 1 nonzero parameters).",
        Min = 2, Max = 20, Unit = "m")]
    public int SquareLevels { get; init; } = 10;

    [Option("Order n of the local Taylor polynomials in Yarotsky's partition-of-unity network for sin(πx): the construction for smoothness n, " +
        "whose sup error falls like M^(−n) in the nonzero parameters M, up to logarithms.", Min = 1, Max = 6, Unit = "n")]
    public int PartitionOrder { get; init; } = 3;

    [Option("Accuracies ε the partition-of-unity network is built for (its proven bound); its sup error is measured exactly over all its linear pieces.",
        Min = 1e-9, Max = 0.5, Unit = "ε")]
    public double[] PartitionEpsilons { get; init; } = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5];

    [Option("Pieces N of the one-hidden-layer uniform interpolant of each target (3N + 1 parameters, sup error ‖f″‖/(8N²)): the shallow rate M^(−2).",
        Min = 1, Max = 100_000, Unit = "pieces")]
    public int[] InterpolantPieces { get; init; } = [2, 4, 8, 16, 32, 64, 128, 256];

    [Option("Widths of the trained network's hidden ReLU layers (one input, one output).", Min = 1, Max = 1024, Unit = "units")]
    public int[] Hidden { get; init; } = [32, 32, 32];

    [Option("Fractions of the dense network's weights kept; magnitude pruning removes weights from the largest budget down, retraining after each. Biases are never pruned.",
        Min = 1e-4, Max = 1)]
    public double[] Budgets { get; init; } = [0.5, 0.25, 0.125, 0.0625, 0.03125];

    [Option("How the trained networks start: default (torch's U(±1/√fan-in), a random mask simply zeroing weights) or edge-of-chaos " +
        "(sparse-init's: Gaussian weights at ReLU's critical σ_w² = 2, σ_b² = 0, a random mask's kept weights scaled by 1/√p of their layer's density p).",
        Choices = [DefaultInit, EdgeOfChaosInit])]
    public string Init { get; init; } = DefaultInit;

    [Option("Adam steps of the dense network and of each randomly masked network, trained from their initialisation.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int Steps { get; init; } = 2500;

    [Option("Adam steps of retraining after each magnitude-pruning step, from the weights pruning left.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int RetrainSteps { get; init; } = 1000;

    [Option("Adam's step size, decayed along a cosine to zero over each training.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 3e-3;

    [Option("Points of the uniform training grid on [0, 1]; every step uses all of them.", Min = 2, Max = 1_000_000, Unit = "points")]
    public int TrainPoints { get; init; } = 1025;

    [Option("Points of the uniform grid on [0, 1] where the trained networks' sup and L2 errors are measured (and the constructions' L2 errors).",
        Min = 3, Max = 4_194_305, Unit = "points")]
    public int GridPoints { get; init; } = 16385;

    [Option("Independent trainings of each network (initialisation and random masks); tables show the best and the worst.", Min = 1, Max = 20, Unit = "seeds")]
    public int Seeds { get; init; } = 2;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();

    /// <summary>Values of <see cref="Init"/>.</summary>
    public const string DefaultInit = "default", EdgeOfChaosInit = "edge-of-chaos";
}

/// <summary>
/// Sup error against the number M of nonzero weights and biases (Bölcskei, Grohs, Kutyniok &amp; Petersen 2019): Yarotsky's
/// constructions, counted exactly (x² at 2^{−2m−2} with 8m − 1 parameters; sin(πx) by the partition of unity at
/// M^(−n) up to logs; the shallow interpolant at M^(−2)), beside ReLU networks trained on the same targets under
/// magnitude-pruned and random masks, which fall far short of the constructions' rates.
/// </summary>
public sealed partial class SparseApproximation : Experiment<SparseApproximationOptions>
{
    public override string Id => "sparse-approximation";
    public override string Title => "Error against nonzero weights: Yarotsky's constructions and trained sparse networks";
    public override Topic Topic => Topic.Pruning;
    public override IReadOnlyList<string> Papers => ["bolcskei2019optimal", "yarotsky2017error", "han2015learning", "frankle2019lottery", "naitsaada2024beyond"];

    public override string Summary =>
        "Counts the nonzero weights and biases M of Yarotsky's networks exactly and measures their sup error over all linear pieces: x² at 2^{−2m−2} with " +
        "8m − 1 parameters (exponential in M), sin(πx) by the partition of unity of order n (M^(−n) up to logs), and the one-hidden-layer interpolant (M^(−2)); " +
        "then trains ReLU networks on x² and sin(πx) under masks of the same sizes, magnitude-pruned with retraining and random, and sets their sup and L2 " +
        "errors on a dense grid beside the constructions' and the fitted slopes beside the theory's.";

    public override SparseApproximationOptions Quick => Defaults with
    {
        SquareLevels = 5,
        PartitionOrder = 2,
        PartitionEpsilons = [1e-1, 1e-2, 1e-3],
        InterpolantPieces = [4, 8, 16, 32],
        Hidden = [8, 8],
        Budgets = [0.5, 0.25],
        Steps = 300,
        RetrainSteps = 150,
        TrainPoints = 129,
        GridPoints = 1025,
        Seeds = 1,
    };

    /// <summary>ReLU's edge of chaos: χ₁ = σ_w² E φ′(√q z)² = σ_w²/2 at every length q, so σ_w² = 2, and q* stays finite only at σ_b² = 0.</summary>
    public const double EdgeOfChaosSigmaW2 = 2;

    /// <summary>
    /// Training dominates: per target, seed and step a forward and backward pass over the training grid, about three
    /// multiply-adds per weight and point, plus a fixed cost per step; the constructions' piece enumeration is seconds.
    /// </summary>
    public override CostEstimate EstimateCost(SparseApproximationOptions o)
    {
        long steps = (long)Targets.Length * o.Seeds * ((1 + o.Budgets.Length) * (long)o.Steps + o.Budgets.Length * (long)o.RetrainSteps);
        double seconds = steps * (3.0 * o.TrainPoints * DenseWeights(o) * CostCalibration.SparseApproximation.SecondsPerMultiplyAdd
            + CostCalibration.SparseApproximation.SecondsPerStep) + CostCalibration.SparseApproximation.ConstructionSeconds;
        return new CostEstimate(steps, "training steps", TimeSpan.FromSeconds(seconds));
    }

    protected override IEnumerable<string> Inconsistencies(SparseApproximationOptions o)
    {
        if (o.Hidden.Length == 0) yield return "hidden is empty: name at least one hidden width.";
        if (o.Budgets.Length == 0) yield return "budgets is empty: name at least one fraction of the weights to keep.";
        if (o.Budgets.Distinct().Count() != o.Budgets.Length) yield return "budgets names a fraction twice; list each once.";
        if (o.Budgets.Any(b => b * DenseWeights(o) < 1)) yield return $"a budget keeps less than one of the {DenseWeights(o):N0} weights; raise it.";
        if (o.PartitionEpsilons.Distinct().Count() < 2 || o.InterpolantPieces.Distinct().Count() < 2)
            yield return "partition_epsilons and interpolant_pieces need two distinct values each for a slope.";
    }

    public override ExperimentResult Run(SparseApproximationOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The two targets on [0, 1]: x², which the deep construction reaches exponentially fast, and sin(πx), by the partition of unity.</summary>
    private static readonly SmoothTarget[] Targets = [SmoothTarget.Named("square", []), SmoothTarget.Named("sin", [])];

    /// <summary>Weights of the dense trained network (biases not counted).</summary>
    private static long DenseWeights(SparseApproximationOptions o)
    {
        int[] widths = [1, .. o.Hidden, 1];
        return Enumerable.Range(0, widths.Length - 1).Sum(l => (long)widths[l] * widths[l + 1]);
    }

    /// <summary>One constructed network: its family's parameter (m, N or ε), nonzero parameters M, hidden layers, exact sup error, grid L2 error and proven bound.</summary>
    private sealed record Construction(double Parameter, long Parameters, int HiddenLayers, double SupError, double L2Error, double Bound);

    /// <summary>A trained network at one budget, by seed: its nonzero weights, nonzero weights and biases M, and sup and L2 errors on the grid.</summary>
    private sealed record Trained(double Budget, long Weights, long Parameters, double[] SupError, double[] L2Error);

    /// <summary>Everything measured for one target: its constructions and its trained networks, dense and under each kind of mask.</summary>
    /// <param name="Deep">Yarotsky's deep network: f_m for x², the partition of unity for sin(πx).</param>
    private sealed record TargetMeasurement(SmoothTarget Target, Construction[] Deep, Construction[] Interpolant, Trained Dense, Trained[] Magnitude, Trained[] Random);

    private sealed record Measurement(TargetMeasurement[] Targets, long DenseWeights);

    private static Measurement Measure(SparseApproximationOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var points = UniformGrid(o.GridPoints);
        var results = new TargetMeasurement[Targets.Length];
        using (var task = context.Progress.Start("constructions", Targets.Length))
            for (int t = 0; t < Targets.Length; t++)
            {
                var target = Targets[t];
                var deep = t == 0 ? SquareNetworks(o, target, points, context) : PartitionNetworks(o, target, points, context);
                var interpolant = o.InterpolantPieces.Distinct().Order().Select(n => Measured(n, YarotskyCircuits.ShallowInterpolant(target.Value, n),
                    target, points, target.CurvatureBound / (8.0 * n * n), context)).ToArray();
                results[t] = new TargetMeasurement(target, deep, interpolant, null!, [], []);
                task.Advance(1, $"{target.Formula}: {deep.Length + interpolant.Length} networks");
            }

        var budgets = o.Budgets.Distinct().OrderDescending().ToArray();
        using (var task = context.Progress.Start("trainings", (long)Targets.Length * o.Seeds * (1 + 2 * budgets.Length)))
            for (int t = 0; t < Targets.Length; t++)
                results[t] = TrainAll(o, results[t], budgets, points, device, context, task);
        return new Measurement(results, DenseWeights(o));
    }

    /// <summary>f_m for m = 1..M: its error is measured, not assumed, so that the closed form 2^{−2m−2} is checked.</summary>
    private static Construction[] SquareNetworks(SparseApproximationOptions o, SmoothTarget square, double[] points, RunContext context) =>
        [.. Enumerable.Range(1, o.SquareLevels).Select(m => Measured(m, YarotskyCircuits.Square(m), square, points, YarotskyCircuits.SquareError(m), context))];

    /// <summary>The smallest partition-of-unity network of order n for each ε, its error over all its pieces.</summary>
    private static Construction[] PartitionNetworks(SparseApproximationOptions o, SmoothTarget target, double[] points, RunContext context) =>
        [.. o.PartitionEpsilons.Distinct().OrderDescending().Select(epsilon =>
        {
            var network = YarotskyPartition.Approximate(target, o.PartitionOrder, epsilon);
            return Measured(epsilon, network.Circuit, network.ExactFunction(context.Cancellation), target, points, network.ErrorBound);
        })];

    /// <summary>A one-input circuit measured through its exact piecewise-linear function on [0, 1].</summary>
    private static Construction Measured(double parameter, ReluCircuit circuit, SmoothTarget target, double[] points, double bound, RunContext context) =>
        Measured(parameter, circuit, LinearPieces.Function(circuit.ToReluNetwork(), 0, 1, context.Cancellation), target, points, bound);

    private static Construction Measured(double parameter, ReluCircuit circuit, PiecewiseLinearFunction function, SmoothTarget target, double[] points, double bound)
    {
        double squares = points.Sum(x => Math.Pow(function.Evaluate(x) - target.Value(x), 2));
        return new Construction(parameter, circuit.NonzeroParameters, circuit.HiddenLayers, target.SupDistance(function), Math.Sqrt(squares / points.Length), bound);
    }

    /// <summary>
    /// For each seed: the dense network trained from its initialisation; then magnitude pruning from the largest budget
    /// down, each step removing the smallest surviving weights (all layers ranked together) and retraining from what is
    /// left (Han et al. 2015); and at each budget a network drawn afresh under a random mask with the same count in every
    /// layer (Frankle &amp; Carbin's control), trained from its initialisation.
    /// </summary>
    private static TargetMeasurement TrainAll(SparseApproximationOptions o, TargetMeasurement m, double[] budgets, double[] grid, Device device, RunContext context, IProgressTask task)
    {
        var target = m.Target;
        using var data = new Data(Column(UniformGrid(o.TrainPoints), device), Column([.. UniformGrid(o.TrainPoints).Select(target.Value)], device),
            Column(grid, device), Column([.. grid.Select(target.Value)], device));

        var dense = new Trained(1, 0, 0, new double[o.Seeds], new double[o.Seeds]);
        var magnitude = budgets.Select(b => new Trained(b, 0, 0, new double[o.Seeds], new double[o.Seeds])).ToArray();
        var random = budgets.Select(b => new Trained(b, 0, 0, new double[o.Seeds], new double[o.Seeds])).ToArray();
        for (int seed = 0; seed < o.Seeds; seed++)
        {
            string name = $"{target.Name} seed {seed}";
            using var network = Network(o, $"network, {name}", context, device);
            Train(o, network, null, data, o.Steps, context);
            dense = Record(dense, seed, network, data, 1);
            task.Advance(1, $"{target.Formula}, seed {seed}: dense sup error {dense.SupError[seed]:G3}");
            var mask = PruningMask.Full(network);
            try
            {
                for (int b = 0; b < budgets.Length; b++)
                {
                    // Global magnitude pruning removes a fraction of the survivors: keep budget × all of them.
                    double rate = 1 - budgets[b] * mask.TotalSize / mask.TotalRemaining;
                    var pruned = MagnitudePruning.Global(mask, network, Math.Clamp(rate, 0, 1));
                    mask.Dispose();
                    mask = pruned;
                    mask.Apply(network);
                    Train(o, network, mask, data, o.RetrainSteps, context);
                    magnitude[b] = Record(magnitude[b], seed, network, data, budgets[b]);
                    task.Advance(1, $"{target.Formula}, seed {seed}: magnitude-pruned to {mask.TotalRemaining:N0} weights, sup error {magnitude[b].SupError[seed]:G3}");

                    using var control = Network(o, $"random-mask network, {name}, budget {budgets[b]}", context, device);
                    using var generator = context.TorchGenerator($"random mask, {name}, budget {budgets[b]}");
                    using var randomMask = RandomPruning.SameCounts(mask, generator);
                    if (o.Init == SparseApproximationOptions.EdgeOfChaosInit) randomMask.ApplyVariancePreserving(control); else randomMask.Apply(control);
                    Train(o, control, randomMask, data, o.Steps, context);
                    random[b] = Record(random[b], seed, control, data, budgets[b]);
                    task.Advance(1, $"{target.Formula}, seed {seed}: random mask of {randomMask.TotalRemaining:N0} weights, sup error {random[b].SupError[seed]:G3}");
                }
            }
            finally
            {
                mask.Dispose();
            }
        }
        return m with { Dense = dense, Magnitude = magnitude, Random = random };
    }

    /// <summary>Training points and targets, and the evaluation grid with the target's values there, as float64 columns.</summary>
    private sealed record Data(Tensor Inputs, Tensor Targets, Tensor Grid, Tensor Exact) : IDisposable
    {
        public void Dispose()
        {
            Inputs.Dispose();
            Targets.Dispose();
            Grid.Dispose();
            Exact.Dispose();
        }
    }

    /// <summary>k/(n − 1) for k = 0..n − 1: both ends of [0, 1] included, the same doubles for networks and targets.</summary>
    private static double[] UniformGrid(int n) => [.. Enumerable.Range(0, n).Select(k => (double)k / (n - 1))];

    private static Tensor Column(double[] values, Device device)
    {
        using var row = tensor(values, dtype: ScalarType.Float64);
        return row.unsqueeze(1).to(device);
    }

    /// <summary>The 1-hidden-…-1 ReLU perceptron in float64, drawn by the chosen initialisation.</summary>
    private static Mlp Network(SparseApproximationOptions o, string purpose, RunContext context, Device device)
    {
        using var generator = context.TorchGenerator(purpose);
        LayerInitialisation initialisation = o.Init == SparseApproximationOptions.EdgeOfChaosInit
            ? new MeanFieldInitialisation(WeightDistribution.Gaussian, EdgeOfChaosSigmaW2, 0)
            : TorchDefaultInitialisation.Instance;
        var network = new Mlp([1, .. o.Hidden, 1], Activations.Relu, initialisation, generator, ScalarType.Float64);
        network.to(device);
        return network;
    }

    /// <summary>Full-batch Adam on the mean squared error, the step size decayed along a cosine; the mask, if any, reapplied after every step.</summary>
    private static void Train(SparseApproximationOptions o, Mlp network, PruningMask? mask, Data data, int steps, RunContext context)
    {
        var adam = new Adam(new CosineStep(o.LearningRate, steps));
        using IOptimizer optimizer = mask is null ? adam : new MaskedOptimizer(adam, mask, network);
        var batches = new TensorBatches(data.Inputs, data.Targets, (int)data.Inputs.shape[0], shuffle: false);
        var problem = new Problem(network, batches, (model, batch) => nn.functional.mse_loss(model.forward(batch.Inputs), batch.Targets!));
        Trainer.Train(problem, optimizer, steps, [], context.Cancellation);
    }

    /// <summary>The network's nonzero parameters and its sup and root-mean-square errors on the grid, entered for one seed.</summary>
    private static Trained Record(Trained row, int seed, Mlp network, Data data, double budget)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var error = (network.forward(data.Grid) - data.Exact).abs();
        row.SupError[seed] = error.max().AsDouble();
        row.L2Error[seed] = error.Squared().mean().sqrt().AsDouble();
        long weights = network.Layers.Sum(l => l.weight!.count_nonzero().AsInt64());
        long parameters = weights + network.Layers.Sum(l => l.bias!.count_nonzero().AsInt64());
        return row with { Budget = budget, Weights = weights, Parameters = parameters };
    }
}
