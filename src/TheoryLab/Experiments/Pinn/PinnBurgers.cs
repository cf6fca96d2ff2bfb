using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Numerics.Pde;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// Options of <see cref="PinnBurgers"/>. Defaults: Raissi et al.'s Burgers setting (ν = 0.01/π, N_u = 100 initial and
/// boundary points, N_f = 10,000 Latin-hypercube collocation points, 9 affine layers with 8 hidden layers of 20 tanh
/// units, Xavier initialisation, loss weights 1), in float32 as Raissi's code ran it, trained by Adam then L-BFGS with
/// a capped number of iterations for a 2-core CPU (the paper ran L-BFGS to convergence, up to 50,000 iterations).
/// </summary>
public sealed record PinnBurgersOptions
{
    [Option("Initial and boundary points N_u, drawn without replacement from the 256 initial and 2 × 100 boundary points of Raissi's grid (100 in the paper).", Min = 2, Max = 456, Unit = "points")]
    public int DataPoints { get; init; } = 100;

    [Option("Collocation points N_f of the PDE residual, a Latin hypercube in [0, 1] × [−1, 1] to which the data points are added, as in Raissi's code (10,000 in the paper).", Min = 1, Max = 100_000, Unit = "points")]
    public int CollocationPoints { get; init; } = 10_000;

    [Option("Hidden layers of the network, each of width units (8 in the paper, 9 affine layers in all).", Min = 1, Max = 16, Unit = "layers")]
    public int HiddenLayers { get; init; } = 8;

    [Option("Tanh units per hidden layer (20 in the paper).", Min = 2, Max = 512, Unit = "units")]
    public int Width { get; init; } = 20;

    [Option("Weight of the initial-condition term (1 in the paper; the initial and boundary sums are both divided by N_u, so weights 1 give Raissi's MSE_u).", Min = 0, Max = 1e6)]
    public double InitialWeight { get; init; } = 1;

    [Option("Weight of the boundary term u(t, ±1)² (1 in the paper).", Min = 0, Max = 1e6)]
    public double BoundaryWeight { get; init; } = 1;

    [Option("Weight of the residual term MSE_f (1 in the paper).", Min = 0, Max = 1e6)]
    public double ResidualWeight { get; init; } = 1;

    [Option("Adam steps before L-BFGS (the paper used L-BFGS alone; a short Adam phase is DeepXDE's custom).", Min = 0, Max = 1_000_000, Unit = "steps")]
    public int AdamSteps { get; init; } = 200;

    [Option("Adam's step η.", Min = 1e-6, Max = 1)]
    public double AdamRate { get; init; } = 1e-3;

    [Option("L-BFGS iterations at most (the paper ran SciPy's L-BFGS-B to convergence, with up to 50,000; capped here for a 2-core CPU).", Min = 0, Max = 100_000, Unit = "iterations")]
    public int LbfgsIterations { get; init; } = 5000;

    [Option("Curvature pairs L-BFGS keeps (50 in the paper's SciPy settings).", Min = 1, Max = 1000, Unit = "pairs")]
    public int History { get; init; } = 50;

    [Option("Compute in float64 (Raissi's code ran float32, the default: an evaluation costs about 2.5 times less on this CPU, and its error floor lies well below the 5·10⁻³ aimed at).")]
    public bool Float64 { get; init; }

    [Option("N_u values of the error table (Raissi's Table 1 has 20, 40, 60, 80, 100, 200).", Min = 2, Max = 456, Unit = "points")]
    public int[] TableDataPoints { get; init; } = [20, 60, 100];

    [Option("N_f values of the error table (Raissi's Table 1 has 2,000 to 10,000; smaller here so that the table fits the 2-core CPU).", Min = 1, Max = 100_000, Unit = "points")]
    public int[] TableCollocationPoints { get; init; } = [500, 1000, 2000];

    [Option("L-BFGS iterations of each network of the table (after the same Adam steps; the paper ran each to convergence).", Min = 1, Max = 100_000, Unit = "iterations")]
    public int TableIterations { get; init; } = 500;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// A physics-informed neural network (Raissi, Perdikaris and Karniadakis 2019) for viscous Burgers' equation
/// u_t + u u_x = (0.01/π) u_xx on [−1, 1] × [0, 1], u(0, x) = −sin(πx), zero boundary values: trained on the
/// residual at collocation points and the initial and boundary data alone, and compared on Raissi's 256 × 100
/// evaluation grid with the exact Cole–Hopf solution; with Raissi's table of the error against N_u and N_f.
/// </summary>
public sealed partial class PinnBurgers : Experiment<PinnBurgersOptions>
{
    public override string Id => "pinn-burgers";
    public override string Title => "A physics-informed network solves Burgers' equation";
    public override Topic Topic => Topic.Pinn;
    public override IReadOnlyList<string> Papers => ["raissi2019physics"];

    public override string Summary =>
        "Trains Raissi et al.'s 9-layer tanh PINN on Burgers' equation (ν = 0.01/π, u(0, x) = −sin(πx)) from 100 initial and boundary " +
        "points and 10,000 collocation points by Adam then L-BFGS with a strong-Wolfe line search, and measures its relative L2 error " +
        "on Raissi's 256 × 100 grid against the exact Cole–Hopf solution (published: 6.7·10⁻⁴) as training goes, with a table of the error against N_u and N_f.";

    public override PinnBurgersOptions Quick => Defaults with
    {
        DataPoints = 50,
        CollocationPoints = 500,
        HiddenLayers = 4,
        AdamSteps = 20,
        LbfgsIterations = 30,
        TableDataPoints = [20, 50],
        TableCollocationPoints = [200, 500],
        TableIterations = 10,
    };

    /// <summary>The viscosity of Raissi's example.</summary>
    public const double Viscosity = 0.01 / Math.PI;

    /// <summary>Raissi's evaluation grid: 256 equally spaced x in [−1, 1] and 100 equally spaced t in [0, 0.99].</summary>
    private const int GridPositions = 256, GridTimes = 100;

    /// <summary>The main network's error on the grid is measured after Adam and every this many L-BFGS iterations.</summary>
    private const int CheckpointEvery = 100;

    protected override IEnumerable<string> Inconsistencies(PinnBurgersOptions o)
    {
        if (o.TableDataPoints.Distinct().Count() != o.TableDataPoints.Length) yield return "table_data_points names a value twice; list each once.";
        if (o.TableCollocationPoints.Distinct().Count() != o.TableCollocationPoints.Length) yield return "table_collocation_points names a value twice; list each once.";
        if (o.InitialWeight + o.BoundaryWeight == 0 || o.ResidualWeight == 0) yield return "the residual weight and at least one of the initial and boundary weights must be positive; raise them.";
    }

    /// <summary>L-BFGS evaluations (about 1.1 per iteration) and Adam steps, each costing a pass over the collocation points through the network.</summary>
    public override CostEstimate EstimateCost(PinnBurgersOptions o)
    {
        double perPoint = o.HiddenLayers * (double)o.Width * o.Width;
        var trainings = new List<(double Passes, int Points)> { (Passes(o.AdamSteps, o.LbfgsIterations), o.CollocationPoints + o.DataPoints) };
        foreach (int nu in o.TableDataPoints)
            foreach (int nf in o.TableCollocationPoints)
                trainings.Add((Passes(o.AdamSteps, o.TableIterations), nf + nu));
        double perUnit = o.Float64 ? CostCalibration.PinnBurgers.SecondsPerPointUnit64 : CostCalibration.PinnBurgers.SecondsPerPointUnit32;
        double seconds = trainings.Sum(t => t.Passes * (t.Points * perPoint * perUnit + CostCalibration.PinnBurgers.SecondsPerPass));
        return new CostEstimate(trainings.Count, "networks", TimeSpan.FromSeconds(seconds));
    }

    private static double Passes(int adamSteps, int lbfgsIterations) => adamSteps + 1.1 * lbfgsIterations;

    public override ExperimentResult Run(PinnBurgersOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One trained network: its data, how training went, and its error on the evaluation grid.</summary>
    /// <param name="History">The loss after every Adam step and every L-BFGS iteration.</param>
    /// <param name="LossFall">The factor by which training lowered the loss from the initial weights.</param>
    /// <param name="Prediction">u on the grid, [time index, position index].</param>
    /// <param name="Checkpoints">The error on the grid as training went (the main network only; empty for the table's).</param>
    private sealed record Trained(int DataPoints, int CollocationPoints, int InitialPoints, IReadOnlyList<ScheduleStep> History,
        int LbfgsIterations, int LbfgsEvaluations, string LbfgsStop, PinnLossTerms Terms, double[,] Prediction, double RelativeError, double Seconds,
        IReadOnlyList<Checkpoint> Checkpoints, double LossFall);

    /// <summary>The relative L2 error on the grid after <paramref name="LbfgsIterations"/> L-BFGS iterations, <paramref name="Seconds"/> into training.</summary>
    private sealed record Checkpoint(int LbfgsIterations, double Seconds, double RelativeError);

    /// <param name="Times">The grid's t values; <paramref name="Positions"/> its x values.</param>
    /// <param name="Reference">The Cole–Hopf u on the grid, [time index, position index].</param>
    /// <param name="Table">The networks of the N_u × N_f table, N_u outer.</param>
    private sealed record Measurement(double[] Times, double[] Positions, double[,] Reference, Trained Main, List<Trained> Table);

    private static Measurement Measure(PinnBurgersOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        double[] times = [.. Enumerable.Range(0, GridTimes).Select(i => i * 0.01)];
        double[] positions = [.. Enumerable.Range(0, GridPositions).Select(j => -1 + 2.0 * j / (GridPositions - 1))];
        var reference = new BurgersColeHopf(Viscosity).OnGrid(times, positions);

        var settings = o.TableDataPoints.SelectMany(nu => o.TableCollocationPoints.Select(nf => (nu, nf))).ToList();
        long total = o.AdamSteps + o.LbfgsIterations + settings.Count * (long)(o.AdamSteps + o.TableIterations);
        using var task = context.Progress.Start("Adam steps and L-BFGS iterations", total);
        var main = Train(o, context, o.DataPoints, o.CollocationPoints, o.LbfgsIterations, times, positions, reference, task, checkpoints: true);
        var table = settings.Select(s => Train(o, context, s.nu, s.nf, o.TableIterations, times, positions, reference, task, checkpoints: false)).ToList();
        return new Measurement(times, positions, reference, main, table);
    }

    private static Trained Train(PinnBurgersOptions o, RunContext context, int dataPoints, int collocationPoints, int iterations,
        double[] times, double[] positions, double[,] reference, IProgressTask task, bool checkpoints)
    {
        using var scope = NewDisposeScope();
        string key = $"pinn-burgers nu={dataPoints} nf={collocationPoints}";
        var dtype = o.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var (initial, initialValues, boundary, collocation) = TrainingPoints(context.Random(key + " points"), dataPoints, collocationPoints, times, positions);
        using var loss = new BurgersPinnLoss(initial, initialValues, boundary, collocation, Viscosity, 1,
            new PinnLossWeights(o.InitialWeight, o.BoundaryWeight, o.ResidualWeight), dtype);
        using var generator = context.TorchGenerator(key + " network");
        int[] widths = [2, .. Enumerable.Repeat(o.Width, o.HiddenLayers), 1];
        using var model = new Mlp(widths, Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, dtype);

        var errors = new List<Checkpoint>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Check(int lbfgsIterations) =>
            errors.Add(new Checkpoint(lbfgsIterations, clock.Elapsed.TotalSeconds, GridPrediction.RelativeError(GridPrediction.Evaluate(points => loss.Predict(model, points), times, positions, TimeColumn.First, dtype), reference)));
        void OnStep(ScheduleStep step)
        {
            task.Advance();
            if (!checkpoints) return;
            // The model holds the step's iterate here, so the grid error is the optimiser's own point's.
            if ((step.Phase == "adam" && step.Step == o.AdamSteps) || (step.Phase == "lbfgs" && step.Step % CheckpointEvery == 0)) Check(step.Phase == "adam" ? 0 : step.Step);
        }
        var summary = AdamThenLbfgs.Train(model, () => loss.Loss(model), o.AdamSteps, o.AdamRate,
            new LbfgsSettings(iterations, iterations * 5 / 4, o.History, GradientTolerance: 1e-9, ChangeTolerance: 1e-12),
            OnStep, context.Cancellation);
        // L-BFGS may stop early; the bar still owes its remaining iterations.
        for (int i = summary.LbfgsIterations; i < iterations; i++) task.Advance();

        var prediction = GridPrediction.Evaluate(points => loss.Predict(model, points), times, positions, TimeColumn.First, dtype);
        double error = GridPrediction.RelativeError(prediction, reference);
        if (checkpoints && (errors.Count == 0 || errors[^1].LbfgsIterations != summary.LbfgsIterations))
            errors.Add(new Checkpoint(summary.LbfgsIterations, summary.Seconds, error));
        return new Trained(dataPoints, collocationPoints, initial.GetLength(0), summary.History, summary.LbfgsIterations, summary.LbfgsEvaluations,
            summary.LbfgsStop, loss.Terms(model), prediction, error, summary.Seconds, errors, summary.LossFall);
    }

    /// <summary>
    /// Raissi's training data: N_u of the grid's 256 initial points (t = 0) and 2 × 100 boundary points (x = ±1), without
    /// replacement, and N_f Latin-hypercube collocation points in [0, 1] × [−1, 1] with the data points appended.
    /// </summary>
    private static (double[,] Initial, double[] InitialValues, double[,] Boundary, double[,] Collocation) TrainingPoints(
        Random random, int dataPoints, int collocationPoints, double[] times, double[] positions)
    {
        var candidates = positions.Select(x => (t: 0.0, x)).Concat(times.SelectMany(t => new[] { (t, x: -1.0), (t, x: 1.0) })).ToArray();
        random.Shuffle(candidates);
        var chosen = candidates.Take(dataPoints).ToArray();
        var initial = chosen.Where(p => p.t == 0 && Math.Abs(p.x) < 1).ToArray();
        var boundary = chosen.Where(p => !(p.t == 0 && Math.Abs(p.x) < 1)).ToArray();
        var box = LatinHypercube.Sample(collocationPoints, [0, -1], [1, 1], random);
        var collocation = new double[collocationPoints + dataPoints, 2];
        for (int p = 0; p < collocationPoints; p++) { collocation[p, 0] = box[p, 0]; collocation[p, 1] = box[p, 1]; }
        for (int p = 0; p < dataPoints; p++) { collocation[collocationPoints + p, 0] = chosen[p].t; collocation[collocationPoints + p, 1] = chosen[p].x; }
        return (Rows(initial), [.. initial.Select(p => -Math.Sin(Math.PI * p.x))], Rows(boundary), collocation);
    }

    private static double[,] Rows((double t, double x)[] points)
    {
        var rows = new double[points.Length, 2];
        for (int p = 0; p < points.Length; p++) { rows[p, 0] = points[p].t; rows[p, 1] = points[p].x; }
        return rows;
    }
}
