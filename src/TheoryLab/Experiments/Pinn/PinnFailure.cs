using TheoryLab.Analysis.Landscape;
using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// Options of <see cref="PinnFailure"/>. Defaults: Krishnapriyan et al.'s convection setting (u(x, 0) = sin x on [0, 2π)
/// with periodic boundaries, 4 hidden layers of 50 tanh units with torch's default initialisation, 256 initial points,
/// 100 boundary times, N_f = 1,000 collocation points from the 256 × 100 grid, L-BFGS with strong-Wolfe line search,
/// loss weights 1, float64), with L-BFGS capped for a 2-core CPU where the paper ran it to convergence.
/// </summary>
public sealed record PinnFailureOptions
{
    [Option("Convection speeds β of the plain PINN's sweep (the paper's Section 3.1 goes up to 40).", Min = 0.1, Max = 100)]
    public double[] Betas { get; init; } = [1, 10, 20, 30, 40];

    [Option("β at which the cures are compared with the plain PINN and the solutions drawn (30 in the paper's Section 3.1 and Figure 4); one of betas.", Min = 0.1, Max = 100)]
    public double TargetBeta { get; init; } = 30;

    [Option("Collocation points N_f of the residual, drawn without replacement from the interior of the 256 × 100 grid (1,000 in the paper's code).", Min = 1, Max = 25_245, Unit = "points")]
    public int CollocationPoints { get; init; } = 1000;

    [Option("Hidden layers of the network (4 in the paper).", Min = 1, Max = 16, Unit = "layers")]
    public int HiddenLayers { get; init; } = 4;

    [Option("Tanh units per hidden layer (50 in the paper).", Min = 2, Max = 512, Unit = "units")]
    public int Width { get; init; } = 50;

    [Option("L-BFGS iterations at most of the plain PINN and of each curriculum stage (the paper's code allows 100,000, to convergence; capped here for a 2-core CPU).", Min = 1, Max = 100_000, Unit = "iterations")]
    public int LbfgsIterations { get; init; } = 200;

    [Option("Curvature pairs L-BFGS keeps (50 in the paper's code).", Min = 1, Max = 1000, Unit = "pairs")]
    public int History { get; init; } = 50;

    [Option("Step of curriculum regularisation: β goes 1, step, 2·step, … up to the largest of betas, each stage warm-started from the last (the paper grows β in steps from 1).", Min = 0.1, Max = 100)]
    public double CurriculumStep { get; init; } = 10;

    [Option("Time windows of sequence-to-sequence training on [0, 1] (10: windows of Δt = 0.1).", Min = 1, Max = 100, Unit = "windows")]
    public int Windows { get; init; } = 10;

    [Option("Collocation points of each time window, from the interior of a 256 × 100 grid over the window.", Min = 1, Max = 25_245, Unit = "points")]
    public int WindowCollocationPoints { get; init; } = 500;

    [Option("L-BFGS iterations at most of each time window (each warm-started from the previous window's network).", Min = 1, Max = 100_000, Unit = "iterations")]
    public int WindowIterations { get; init; } = 600;

    [Option("Points per side of the loss surfaces around the plain PINNs at the smallest β and the target β (a coarse grid for a 2-core CPU; Li et al. use 51).", Min = 3, Max = 201, Unit = "points")]
    public int LandscapeResolution { get; init; } = 21;

    [Option("Half-width of the surfaces' square of coefficients of the two filter-normalised directions (1 in Li et al.).", Min = 1e-3, Max = 10)]
    public double LandscapeExtent { get; init; } = 1;

    [Option("Compute in float64 (the paper's code uses float32; float64 keeps L-BFGS's line search clean).")]
    public bool Float64 { get; init; } = true;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Where a physics-informed network fails (Krishnapriyan et al. 2021): the convection equation u_t + β u_x = 0 with
/// u(x, 0) = sin x and periodic boundaries, whose solution sin(x − βt) is only a travelling wave, defeats a plain PINN
/// once β reaches about 30; curriculum regularisation (β raised in stages, each warm-started from the last) and
/// sequence-to-sequence training in time windows both recover it; and the loss surface around the plain PINN turns
/// from smooth at β = 1 to rugged at β = 30.
/// </summary>
public sealed partial class PinnFailure : Experiment<PinnFailureOptions>
{
    public override string Id => "pinn-failure";
    public override string Title => "A physics-informed network fails on convection, and two cures";
    public override Topic Topic => Topic.Pinn;
    public override IReadOnlyList<string> Papers => ["krishnapriyan2021characterizing", "li2018visualizing"];

    public override string Summary =>
        "Trains Krishnapriyan et al.'s 4 × 50 tanh PINN by L-BFGS on u_t + β u_x = 0, u(x, 0) = sin x, periodic on [0, 2π), for β from 1 to 40, " +
        "and measures its relative L2 error against sin(x − βt) (published: near 1 at β = 30); then their two cures at β = 30, curriculum " +
        "regularisation and sequence-to-sequence training in 10 time windows, and the filter-normalised loss surface at β = 1 and β = 30.";

    public override PinnFailureOptions Quick => Defaults with
    {
        Betas = [1, 30],
        CollocationPoints = 200,
        HiddenLayers = 2,
        Width = 20,
        LbfgsIterations = 15,
        CurriculumStep = 15,
        Windows = 3,
        WindowCollocationPoints = 100,
        WindowIterations = 8,
        LandscapeResolution = 5,
    };

    /// <summary>The paper's evaluation grid: 256 positions x = 2πj/256 (the periodic end left out) and 100 equally spaced times in [0, 1].</summary>
    public const int GridPositions = 256, GridTimes = 100;

    /// <summary>The end of the time interval.</summary>
    private const double FinalTime = 1;

    /// <summary>The β the curriculum starts from: the easy problem the paper starts at.</summary>
    private const double CurriculumStart = 1;

    protected override IEnumerable<string> Inconsistencies(PinnFailureOptions o)
    {
        if (o.Betas.Distinct().Count() != o.Betas.Length) yield return "betas names a value twice; list each once.";
        if (!o.Betas.Contains(o.TargetBeta)) yield return $"target_beta {o.TargetBeta} is not one of betas; add it to betas.";
    }

    /// <summary>Curriculum stages: from β = 1 by the step to the largest β of the sweep.</summary>
    private static double[] Stages(PinnFailureOptions o) => CoefficientCurriculum.Stages(CurriculumStart, o.Betas.Max(), o.CurriculumStep);

    /// <summary>L-BFGS evaluations (about 1.25 per iteration, the cap) over the collocation points, and the surfaces' loss evaluations.</summary>
    public override CostEstimate EstimateCost(PinnFailureOptions o)
    {
        double perPoint = o.HiddenLayers * (double)o.Width * o.Width;
        int trainings = o.Betas.Length + Stages(o).Length;
        double Seconds(double passes, int points) =>
            passes * ((points + GridPositions + 2 * GridTimes) * perPoint * CostCalibration.PinnFailure.SecondsPerPointUnit + CostCalibration.PinnFailure.SecondsPerPass);
        double seconds = trainings * Seconds(1.25 * o.LbfgsIterations, o.CollocationPoints)
            + o.Windows * Seconds(1.25 * o.WindowIterations, o.WindowCollocationPoints)
            + 2 * Seconds((double)o.LandscapeResolution * o.LandscapeResolution / 3, o.CollocationPoints);
        return new CostEstimate(trainings + o.Windows, "networks", TimeSpan.FromSeconds(seconds));
    }

    public override ExperimentResult Run(PinnFailureOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One trained solution on the grid and how its training went.</summary>
    /// <param name="Prediction">u on the grid, [time index, position index].</param>
    /// <param name="Iterations">L-BFGS iterations, summed over windows for sequence-to-sequence training.</param>
    /// <param name="LossFall">The factor by which L-BFGS lowered the loss (the first window's, for the windows).</param>
    private sealed record Solved(double Beta, double[,] Prediction, double RelativeError, PinnLossTerms Terms, int Iterations, string Stop, double Seconds, double LossFall);

    /// <summary>A loss surface around the plain PINN trained at <paramref name="Beta"/>.</summary>
    private sealed record Landscape(double Beta, SurfaceResult Surface);

    /// <param name="Times">The grid's t values; <paramref name="Positions"/> its x values.</param>
    /// <param name="Plain">The plain PINN at each β of the sweep, in the options' order.</param>
    /// <param name="Curriculum">The network after each curriculum stage, at that stage's β.</param>
    /// <param name="Windowed">Sequence-to-sequence training at the target β, the windows stitched on the grid (its terms those of the last window).</param>
    private sealed record Measurement(double[] Times, double[] Positions, List<Solved> Plain, List<Solved> Curriculum, Solved Windowed, List<Landscape> Landscapes);

    private static Measurement Measure(PinnFailureOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        double[] times = Spaced(FinalTime, GridTimes);
        double[] positions = [.. Enumerable.Range(0, GridPositions).Select(j => 2 * Math.PI * j / GridPositions)];
        var stages = Stages(o);
        double[] landscapeBetas = [.. new[] { o.Betas.Min(), o.TargetBeta }.Distinct()];
        long total = (long)(o.Betas.Length + stages.Length) * o.LbfgsIterations + (long)o.Windows * o.WindowIterations
            + landscapeBetas.Length * (long)o.LandscapeResolution * o.LandscapeResolution;
        using var task = context.Progress.Start("L-BFGS iterations and landscape points", total);
        var collocation = InteriorPoints(FinalTime, o.CollocationPoints, context.Random("collocation"));
        var initial = positions.Select(Math.Sin).ToArray();

        var plain = new List<Solved>();
        var landscapes = new List<Landscape>();
        foreach (double beta in o.Betas)
        {
            using var scope = NewDisposeScope();
            using var model = Network(o, context);
            using var loss = Loss(o, beta, positions, initial, times, collocation);
            plain.Add(Train(o, model, loss, o.LbfgsIterations, times, positions, task, context));
            if (landscapeBetas.Contains(beta)) landscapes.Add(new Landscape(beta, Surface(o, model, loss, beta, context, task)));
        }

        var curriculum = new List<Solved>();
        using (var scope = NewDisposeScope())
        {
            using var model = Network(o, context);
            foreach (double beta in stages)
            {
                using var loss = Loss(o, beta, positions, initial, times, collocation);
                curriculum.Add(Train(o, model, loss, o.LbfgsIterations, times, positions, task, context));
            }
        }
        var windowed = TrainInWindows(o, positions, times, initial, task, context);
        return new Measurement(times, positions, plain, curriculum, windowed, landscapes);
    }

    /// <summary>The network every training starts from: the same draw each time, so that trainings differ in β alone.</summary>
    private static Mlp Network(PinnFailureOptions o, RunContext context)
    {
        using var generator = context.TorchGenerator("network");
        int[] widths = [2, .. Enumerable.Repeat(o.Width, o.HiddenLayers), 1];
        return new Mlp(widths, Activations.Tanh, TorchDefaultInitialisation.Instance, generator, Dtype(o));
    }

    private static ScalarType Dtype(PinnFailureOptions o) => o.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>The paper's loss over [0, T]: the initial values at the grid's positions, periodicity at 100 times in [0, T].</summary>
    private static ConvectionPinnLoss Loss(PinnFailureOptions o, double beta, double[] positions, double[] initialValues, double[] boundaryTimes, double[,] collocation) =>
        new(beta, 2 * Math.PI, boundaryTimes[^1], positions, initialValues, boundaryTimes, collocation, new PinnLossWeights(), Dtype(o));

    private static Solved Train(PinnFailureOptions o, Mlp model, ConvectionPinnLoss loss, int iterations, double[] times, double[] positions,
        IProgressTask task, RunContext context)
    {
        var summary = Minimise(o, model, loss, iterations, task, context);
        var prediction = GridPrediction.Evaluate(points => loss.Predict(model, points), times, positions, TimeColumn.Second, Dtype(o));
        return new Solved(loss.Beta, prediction, RelativeError(prediction, loss.Beta, times, positions), loss.Terms(model), summary.LbfgsIterations, summary.LbfgsStop, summary.Seconds, summary.LossFall);
    }

    /// <summary>L-BFGS alone, as the paper trains, with torch's stopping rules and the paper's history.</summary>
    private static ScheduleSummary Minimise(PinnFailureOptions o, Mlp model, ConvectionPinnLoss loss, int iterations, IProgressTask task, RunContext context)
    {
        var summary = AdamThenLbfgs.Train(model, () => loss.Loss(model), 0, 0,
            new LbfgsSettings(iterations, iterations * 5 / 4, o.History, GradientTolerance: 1e-9, ChangeTolerance: 1e-12),
            _ => task.Advance(), context.Cancellation);
        // L-BFGS may stop early; the bar still owes its remaining iterations.
        for (int i = summary.LbfgsIterations; i < iterations; i++) task.Advance();
        return summary;
    }

    /// <summary>
    /// Sequence-to-sequence training at the target β: window k learns u on [t_k, t_k + Δt] in local time (scaled to
    /// [0, 1] at the network's input) from the previous window's prediction at its end (sin x for the first),
    /// warm-started from the previous window's network; each window predicts the grid times it owns.
    /// </summary>
    private static Solved TrainInWindows(PinnFailureOptions o, double[] positions, double[] times, double[] initial, IProgressTask task, RunContext context)
    {
        using var scope = NewDisposeScope();
        var windows = new TimeWindows(FinalTime, o.Windows);
        var prediction = new double[times.Length, positions.Length];
        double[] boundaryTimes = Spaced(windows.Length, GridTimes);
        var values = initial;
        int iterations = 0;
        double seconds = 0, firstFall = double.NaN;
        string stop = "";
        PinnLossTerms? terms = null;
        using var model = Network(o, context);
        for (int k = 0; k < windows.Count; k++)
        {
            var collocation = InteriorPoints(windows.Length, o.WindowCollocationPoints, context.Random($"window {k} collocation"));
            using var loss = Loss(o, o.TargetBeta, positions, values, boundaryTimes, collocation);
            var summary = Minimise(o, model, loss, o.WindowIterations, task, context);
            iterations += summary.LbfgsIterations;
            seconds += summary.Seconds;
            stop = summary.LbfgsStop;
            if (k == 0) firstFall = summary.LossFall;
            terms = loss.Terms(model);

            int[] owned = [.. Enumerable.Range(0, times.Length).Where(i => windows.WindowOf(times[i]) == k)];
            var local = GridPrediction.Evaluate(points => loss.Predict(model, points), [.. owned.Select(i => windows.LocalTime(times[i]))], positions, TimeColumn.Second, Dtype(o));
            for (int r = 0; r < owned.Length; r++)
                for (int j = 0; j < positions.Length; j++) prediction[owned[r], j] = local[r, j];
            var end = GridPrediction.Evaluate(points => loss.Predict(model, points), [windows.Length], positions, TimeColumn.Second, Dtype(o));
            values = [.. Enumerable.Range(0, positions.Length).Select(j => end[0, j])];
        }
        return new Solved(o.TargetBeta, prediction, RelativeError(prediction, o.TargetBeta, times, positions), terms!, iterations, stop, seconds, firstFall);
    }

    /// <summary>The loss on the plane of two filter-normalised directions around the trained network (Li et al. 2018).</summary>
    private static SurfaceResult Surface(PinnFailureOptions o, Mlp model, ConvectionPinnLoss loss, double beta, RunContext context, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var probe = LandscapeProbe.ForLoss(loss.AsProblem(model));
        var origin = probe.Weights.Flatten();
        var x = FilterNormalizedDirections.Draw(probe.Weights, Seeds.Derive(context.Seed, $"landscape beta={beta} direction x"));
        var y = FilterNormalizedDirections.Draw(probe.Weights, Seeds.Derive(context.Seed, $"landscape beta={beta} direction y"));
        var surface = new SurfaceScan(probe, origin, x, y, SurfaceGrid.Square(o.LandscapeExtent, o.LandscapeResolution)).Run(cancellation: context.Cancellation);
        for (int p = 0; p < surface.Points.Count; p++) task.Advance();
        return surface;
    }

    /// <summary>
    /// The paper's collocation points: <paramref name="count"/> of the interior points of a 256 × 100 grid over
    /// [0, 2π) × [0, T] (its first position and first time left out: the boundary and initial points), without replacement.
    /// </summary>
    private static double[,] InteriorPoints(double finalTime, int count, Random random)
    {
        double[] times = Spaced(finalTime, GridTimes);
        var cells = (from i in Enumerable.Range(1, GridTimes - 1) from j in Enumerable.Range(1, GridPositions - 1) select (i, j)).ToArray();
        random.Shuffle(cells);
        var points = new double[count, 2];
        for (int p = 0; p < count; p++)
        {
            points[p, 0] = 2 * Math.PI * cells[p].j / GridPositions;
            points[p, 1] = times[cells[p].i];
        }
        return points;
    }

    /// <summary><paramref name="count"/> equally spaced values from 0 to <paramref name="end"/>, both included.</summary>
    private static double[] Spaced(double end, int count) => [.. Enumerable.Range(0, count).Select(i => end * i / (count - 1))];


    /// <summary>The exact solution sin(x − βt): the initial sine carried at speed β, periodic in x.</summary>
    public static double Exact(double beta, double x, double t) => Math.Sin(x - beta * t);

    /// <summary>‖u − u_exact‖₂ / ‖u_exact‖₂ over the grid, the paper's error measure.</summary>
    private static double RelativeError(double[,] u, double beta, double[] times, double[] positions)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < times.Length; i++)
            for (int j = 0; j < positions.Length; j++)
            {
                double exact = Exact(beta, positions[j], times[i]);
                difference += (u[i, j] - exact) * (u[i, j] - exact);
                norm += exact * exact;
            }
        return Math.Sqrt(difference / norm);
    }
}
