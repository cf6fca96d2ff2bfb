using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// Options of <see cref="PinnAdaptive"/>. Defaults: Wu et al.'s (2023) RAD and RAR-D with k = 1, c = 1 on Burgers and
/// Raissi's Allen–Cahn, scaled for a 2-core CPU: 1,000 collocation points (2,000 in the Burgers comparison the issue
/// quotes), a 4 × 20 tanh network, 200 Adam steps then five rounds of at most 200 L-BFGS iterations with the points
/// resampled between rounds (the paper trains far longer).
/// </summary>
public sealed record PinnAdaptiveOptions
{
    [Option("Collocation points N_f every method ends with (2,000 in the Burgers comparison issue #22 quotes from Wu et al.; fewer here for a 2-core CPU).", Min = 10, Max = 100_000, Unit = "points")]
    public int CollocationPoints { get; init; } = 1000;

    [Option("Initial points, Latin-hypercube positions at t = 0 (the joint method moves this share of the budget as the losses say).", Min = 2, Max = 10_000, Unit = "points")]
    public int InitialPoints { get; init; } = 100;

    [Option("Boundary times, each giving the boundary values at both ends (Burgers: u = 0; Allen–Cahn: equal u and u_x).", Min = 2, Max = 10_000, Unit = "times")]
    public int BoundaryTimes { get; init; } = 100;

    [Option("Candidates per point of the dense set the residual is measured on before each resampling (a dense random set, as in Wu et al.).", Min = 1, Max = 100, Unit = "candidates per point")]
    public int CandidateFactor { get; init; } = 10;

    [Option("Hidden layers of the network (small here for a 2-core CPU).", Min = 1, Max = 16, Unit = "layers")]
    public int HiddenLayers { get; init; } = 4;

    [Option("Tanh units per hidden layer.", Min = 2, Max = 512, Unit = "units")]
    public int Width { get; init; } = 20;

    [Option("Adam steps on the first points before the first L-BFGS round (a short Adam phase before L-BFGS, the DeepXDE custom).", Min = 0, Max = 1_000_000, Unit = "steps")]
    public int AdamSteps { get; init; } = 200;

    [Option("Adam's step η.", Min = 1e-6, Max = 1)]
    public double AdamRate { get; init; } = 1e-3;

    [Option("Training rounds; the adaptive methods resample between rounds (Wu et al. resample periodically during a far longer run).", Min = 2, Max = 100, Unit = "rounds")]
    public int Rounds { get; init; } = 5;

    [Option("L-BFGS iterations at most per round, restarted after each resampling since the loss changes with the points.", Min = 1, Max = 100_000, Unit = "iterations")]
    public int LbfgsIterations { get; init; } = 200;

    [Option("Curvature pairs L-BFGS keeps.", Min = 1, Max = 1000, Unit = "pairs")]
    public int History { get; init; } = 50;

    [Option("Exponent k of the residual density ε^k / E[ε^k] + c (1 in Wu et al.'s recommended setting).", Min = 0, Max = 10)]
    public double DensityExponent { get; init; } = ResidualAdaptiveSampling.DefaultExponent;

    [Option("Uniform share c of the residual density (1 in Wu et al.'s recommended setting).", Min = 0, Max = 100)]
    public double UniformShare { get; init; } = ResidualAdaptiveSampling.DefaultUniformShare;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>How an adaptive method chooses its points between rounds.</summary>
public enum PointSelection
{
    /// <summary>The first Latin-hypercube points throughout.</summary>
    Fixed,

    /// <summary>RAD: every collocation point redrawn from the residual density.</summary>
    Rad,

    /// <summary>RAR-D: half the points at first, the rest added from the residual density in equal parts.</summary>
    RarD,

    /// <summary>The PINNACLE proxy: collocation, initial and boundary points redrawn jointly from one budget by their squared losses.</summary>
    Joint,
}

/// <summary>
/// Residual-based adaptive sampling of collocation points for physics-informed networks (Wu et al. 2023, RAD and
/// RAR-D) and a cheap proxy of PINNACLE's joint selection of collocation and data points (Lau et al. 2024), against
/// fixed Latin-hypercube points at the same budget, on Burgers' equation (exact Cole–Hopf reference) and the
/// Allen–Cahn equation (Fourier–ETDRK4 reference); the relative L2 error against training steps.
/// </summary>
public sealed partial class PinnAdaptive : Experiment<PinnAdaptiveOptions>
{
    public override string Id => "pinn-adaptive";
    public override string Title => "Adaptive collocation points for physics-informed networks";
    public override Topic Topic => Topic.Pinn;
    public override IReadOnlyList<string> Papers => ["wu2023comprehensive", "lau2024pinnacle", "cox2002exponential", "kassam2005fourth", "raissi2019physics"];

    public override string Summary =>
        "Trains the same tanh PINN on Burgers' equation and on Allen–Cahn with fixed Latin-hypercube collocation points, RAD, RAR-D " +
        "(Wu et al. 2023, density ε/E[ε] + 1) and a proxy of PINNACLE's joint selection of collocation and boundary points (Lau et al. 2024), " +
        "all ending with the same number of points, and measures the relative L2 error against the Cole–Hopf and Fourier–ETDRK4 references as training goes.";

    public override PinnAdaptiveOptions Quick => Defaults with
    {
        CollocationPoints = 100,
        InitialPoints = 20,
        BoundaryTimes = 20,
        CandidateFactor = 4,
        HiddenLayers = 2,
        Width = 10,
        AdamSteps = 10,
        Rounds = 2,
        LbfgsIterations = 10,
    };

    /// <summary>Every method, in the order of the tables.</summary>
    private static readonly PointSelection[] Methods = [PointSelection.Fixed, PointSelection.Rad, PointSelection.RarD, PointSelection.Joint];

    protected override IEnumerable<string> Inconsistencies(PinnAdaptiveOptions o)
    {
        if (o.CollocationPoints / 2 < o.Rounds - 1) yield return "RAR-D adds the second half of the collocation points over the rounds after the first; give at least 2 × (rounds − 1) collocation points.";
    }

    /// <summary>Adam steps and L-BFGS evaluations (about 1.1 per iteration) over the points, and the candidates scored before each resampling.</summary>
    public override CostEstimate EstimateCost(PinnAdaptiveOptions o)
    {
        double perPoint = o.HiddenLayers * (double)o.Width * o.Width;
        int points = o.CollocationPoints + o.InitialPoints + 2 * o.BoundaryTimes;
        double passes = o.AdamSteps + 1.1 * o.Rounds * o.LbfgsIterations;
        double training = passes * (points * perPoint * CostCalibration.PinnAdaptive.SecondsPerPointUnit + CostCalibration.PinnAdaptive.SecondsPerPass);
        double scoring = (o.Rounds - 1) * (double)o.CandidateFactor * points * perPoint * CostCalibration.PinnAdaptive.SecondsPerPointUnit;
        int trainings = Methods.Length * 2;
        return new CostEstimate(trainings, "networks", TimeSpan.FromSeconds(trainings * (training + scoring) + CostCalibration.PinnAdaptive.ReferenceSeconds));
    }

    public override ExperimentResult Run(PinnAdaptiveOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The relative L2 error on the benchmark's grid after <paramref name="Steps"/> Adam steps and L-BFGS iterations in all.</summary>
    private sealed record Checkpoint(int Steps, double RelativeError);

    /// <summary>One method's training on one benchmark.</summary>
    /// <param name="Collocation">The collocation points of the last round, rows (t, x).</param>
    /// <param name="InitialPoints">The initial points of the last round; <paramref name="BoundaryTimes"/> likewise.</param>
    /// <param name="Prediction">u on the benchmark's grid at the end, [time index, position index].</param>
    /// <param name="LossFall">The loss of the untrained network on the first points over the loss at the end on the last round's.</param>
    private sealed record Trained(PointSelection Method, IReadOnlyList<Checkpoint> Checkpoints, double[,] Collocation, int InitialPoints, int BoundaryTimes,
        PinnLossTerms Terms, double[,] Prediction, double Seconds, double LossFall)
    {
        public double RelativeError => Checkpoints[^1].RelativeError;
    }

    /// <summary>A benchmark's reference and every method's training on it, in the order of <see cref="Methods"/>.</summary>
    private sealed record Solved(string Name, string Slug, double[] Times, double[] Positions, double[,] Reference, IReadOnlyList<Trained> Runs);

    private sealed record Measurement(Solved Burgers, Solved AllenCahn);

    private static Measurement Measure(PinnAdaptiveOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        Benchmark[] benchmarks = [new BurgersBenchmark(), new AllenCahnBenchmark()];
        long perTraining = o.AdamSteps + (long)o.Rounds * o.LbfgsIterations;
        using var task = context.Progress.Start("Adam steps and L-BFGS iterations", perTraining * Methods.Length * benchmarks.Length);
        var solved = benchmarks.Select(b =>
        {
            var (times, positions, reference) = b.Reference();
            var runs = Methods.Select(method => Train(o, context, b, method, times, positions, reference, task)).ToList();
            return new Solved(b.Name, b.Slug, times, positions, reference, runs);
        }).ToArray();
        return new Measurement(solved[0], solved[1]);
    }

    /// <summary>
    /// Adam on the first points, then rounds of L-BFGS, the method choosing new points between rounds from candidates
    /// scored by the network of the round before. Every method starts from the same network and the same first points
    /// (RAR-D from their first half), so the methods differ only in where the points go.
    /// </summary>
    private static Trained Train(PinnAdaptiveOptions o, RunContext context, Benchmark benchmark, PointSelection method,
        double[] times, double[] positions, double[,] reference, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var dtype = ScalarType.Float32;
        var first = context.Random($"pinn-adaptive {benchmark.Slug} first points");
        var resampling = context.Random($"pinn-adaptive {benchmark.Slug} {method} resampling");
        var collocation = benchmark.Collocation(method == PointSelection.RarD ? o.CollocationPoints / 2 : o.CollocationPoints, first);
        var initial = Column(LatinHypercube.Sample(o.InitialPoints, [-1], [1], first));
        var boundary = Column(LatinHypercube.Sample(o.BoundaryTimes, [0], [benchmark.FinalTime], first));
        using var generator = context.TorchGenerator($"pinn-adaptive {benchmark.Slug} network");
        int[] widths = [2, .. Enumerable.Repeat(o.Width, o.HiddenLayers), 1];
        using var model = new Mlp(widths, Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, dtype);

        var checkpoints = new List<Checkpoint>();
        double Error(BenchmarkLoss loss) => GridPrediction.RelativeError(GridPrediction.Evaluate(loss.Predict, times, positions, TimeColumn.First, dtype), reference);
        int steps = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        PinnLossTerms terms = new(double.NaN, double.NaN, double.NaN);
        double firstLoss = double.NaN, lastLoss = double.NaN;
        for (int round = 1; round <= o.Rounds; round++)
        {
            using var loss = benchmark.Loss(model, collocation, initial, boundary, dtype);
            if (round == 1) checkpoints.Add(new Checkpoint(0, Error(loss)));
            int adam = round == 1 ? o.AdamSteps : 0;
            var summary = AdamThenLbfgs.Train(model, () => loss.Loss.Loss(model), adam, o.AdamRate,
                new LbfgsSettings(o.LbfgsIterations, o.LbfgsIterations * 5 / 4, o.History, GradientTolerance: 1e-9, ChangeTolerance: 1e-12),
                _ => task.Advance(), context.Cancellation);
            // L-BFGS may stop early; the bar still owes the round's remaining iterations.
            for (int i = summary.LbfgsIterations; i < o.LbfgsIterations; i++) task.Advance();
            steps += adam + summary.LbfgsIterations;
            if (round == 1) firstLoss = summary.InitialLoss;
            lastLoss = summary.FinalLoss;
            checkpoints.Add(new Checkpoint(steps, Error(loss)));
            terms = loss.Loss.Terms(model);
            if (round == o.Rounds || method == PointSelection.Fixed) continue;
            var candidates = benchmark.Collocation(o.CandidateFactor * o.CollocationPoints, resampling);
            var residuals = loss.Scores(candidates, loss.Residual);
            switch (method)
            {
                case PointSelection.Rad:
                    collocation = ResidualAdaptiveSampling.Resample(candidates, residuals, o.CollocationPoints, resampling, o.DensityExponent, o.UniformShare);
                    break;
                case PointSelection.RarD:
                    int remaining = o.CollocationPoints - collocation.GetLength(0), added = remaining / (o.Rounds - round);
                    collocation = ResidualAdaptiveSampling.Refine(collocation, candidates, residuals, added, resampling, o.DensityExponent, o.UniformShare);
                    break;
                case PointSelection.Joint:
                    (collocation, initial, boundary) = JointSelection(o, benchmark, loss, candidates, residuals, resampling);
                    break;
            }
        }
        var prediction = GridPrediction.Evaluate(p => TimeSpaceDerivatives.Predict(model, p, benchmark.FinalTime), times, positions, TimeColumn.First, dtype);
        return new Trained(method, checkpoints, collocation, initial.Length, boundary.Length, terms, prediction, clock.Elapsed.TotalSeconds, firstLoss / lastLoss);
    }

    /// <summary>The PINNACLE proxy's draw: squared residuals, initial misfits and boundary misfits of dense candidates, one budget over all three.</summary>
    private static (double[,] Collocation, double[] Initial, double[] Boundary) JointSelection(PinnAdaptiveOptions o, Benchmark benchmark, BenchmarkLoss loss,
        double[,] candidates, double[] residuals, Random random)
    {
        var initialCandidates = Column(LatinHypercube.Sample(o.CandidateFactor * o.InitialPoints, [-1], [1], random));
        var boundaryCandidates = Column(LatinHypercube.Sample(o.CandidateFactor * o.BoundaryTimes, [0], [benchmark.FinalTime], random));
        double[][] scores =
        [
            [.. residuals.Select(r => r * r)],
            loss.Scores(initialCandidates, loss.InitialMisfit),
            loss.Scores(boundaryCandidates, loss.BoundaryMisfit),
        ];
        var drawn = JointLossSampling.Draw(scores, o.CollocationPoints + o.InitialPoints + o.BoundaryTimes, random, o.UniformShare);
        return (ResidualAdaptiveSampling.Rows(candidates, drawn[0]), [.. drawn[1].Select(i => initialCandidates[i])], [.. drawn[2].Select(i => boundaryCandidates[i])]);
    }

    private static double[] Column(double[,] points) => [.. Enumerable.Range(0, points.GetLength(0)).Select(p => points[p, 0])];
}
