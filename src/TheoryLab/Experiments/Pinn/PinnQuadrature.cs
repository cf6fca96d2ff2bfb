using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Cubature;
using TheoryLab.Numerics.Pde;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// Options of <see cref="PinnQuadrature"/>. Defaults: Poisson's equation −Δu = f on [0, 1] and [0, 1]² with the exact
/// solution e^x sin(2πx) (e^(x+y) sin(2πx) sin(2πy)), residual integrals from 3 to 2,304 points, and PINNs of 2 × 20 tanh units
/// trained by at most 1,000 L-BFGS iterations on 3 to 48 points (1-D) and 16 to 256 (2-D), sizes chosen for a 2-core CPU.
/// </summary>
public sealed record PinnQuadratureOptions
{
    [Option("Frequency k of the exact solution u = e^(ax) sin(kπx) on [0, 1] (1-D) and e^(a(x+y)) sin(kπx) sin(kπy) on the unit square (2-D), zero on the boundary.", Min = 1, Max = 16)]
    public int Frequency { get; init; } = 2;

    [Option("Growth a of the factor e^(a x) in each coordinate of the exact solution: it makes the squared residual a generic smooth integrand (with a = 0 its largest part, f², is periodic, which equally spaced points and the Halton lattice-like sets integrate exactly).", Min = -10, Max = 10)]
    public double Growth { get; init; } = 1;

    [Option("Points N of the quadrature study on the interval (1-D; Gauss–Legendre offers up to 1,000). Not powers of 2: there the Halton (van der Corput) points are the lattice k/N, a rule of its own.", Min = 1, Max = 1000, Unit = "points")]
    public int[] IntervalQuadraturePoints { get; init; } = [3, 6, 12, 24, 48, 96, 192, 384, 768];

    [Option("Points per side n of the quadrature study on the square (2-D, N = n²).", Min = 1, Max = 100, Unit = "points")]
    public int[] SquareQuadratureSides { get; init; } = [3, 6, 12, 24, 48];

    [Option("Draws of uniform random points at each N; the random rule's error is their root mean square.", Min = 2, Max = 1000, Unit = "draws")]
    public int RandomDraws { get; init; } = 20;

    [Option("Gauss–Legendre nodes per side of the reference integral of the squared residual.", Min = 8, Max = 200, Unit = "nodes")]
    public int ReferenceNodes { get; init; } = 96;

    [Option("Collocation points N of the PINNs trained on the interval (1-D), one network per N and point set.", Min = 1, Max = 1000, Unit = "points")]
    public int[] IntervalTrainingPoints { get; init; } = [3, 6, 12, 24, 48];

    [Option("Collocation points per side n of the PINNs trained on the square (2-D, N = n²), one network per n and point set.", Min = 1, Max = 64, Unit = "points")]
    public int[] SquareTrainingSides { get; init; } = [4, 8, 16];

    [Option("Boundary points per edge of the square in 2-D, at the centres of equal pieces (the same for every trained network).", Min = 1, Max = 1000, Unit = "points")]
    public int BoundaryPointsPerEdge { get; init; } = 32;

    [Option("Hidden layers of the network.", Min = 1, Max = 16, Unit = "layers")]
    public int HiddenLayers { get; init; } = 2;

    [Option("Tanh units per hidden layer.", Min = 2, Max = 512, Unit = "units")]
    public int Width { get; init; } = 20;

    [Option("L-BFGS iterations at most per network (strong-Wolfe line search, as Raissi et al. and Krishnapriyan et al. train).", Min = 1, Max = 100_000, Unit = "iterations")]
    public int LbfgsIterations { get; init; } = 1000;

    [Option("Curvature pairs L-BFGS keeps.", Min = 1, Max = 1000, Unit = "pairs")]
    public int History { get; init; } = 50;

    [Option("Weight of the boundary term, the mean of u² over the boundary points.", Min = 0, Max = 1e6)]
    public double BoundaryWeight { get; init; } = 1;

    [Option("Weight of the residual term, the rule's estimate of ∫ (Δu + f)².", Min = 0, Max = 1e6)]
    public double ResidualWeight { get; init; } = 1;

    [Option("Compute in float64 (float32 rounds the residual integral near 10⁻⁷ and stops the quadrature study there).")]
    public bool Float64 { get; init; } = true;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// The PINN loss as a quadrature rule (Mishra &amp; Molinaro 2022): its residual term Σ wᵢ r(xᵢ)² estimates ∫ r², and
/// how fast that estimate converges depends on the points: O(N^{−2/d}) on a midpoint grid, N^{−1/2} for random points,
/// about N^{−1} for a low-discrepancy (Halton) sequence, geometrically for Gauss. The experiment measures those rates
/// on the residual of a fixed network, then trains PINNs on Poisson's equation on each point set at several N and
/// measures the solution's error, which quadrature bounds but optimisation may dominate.
/// </summary>
public sealed partial class PinnQuadrature : Experiment<PinnQuadratureOptions>
{
    public override string Id => "pinn-quadrature";
    public override string Title => "The PINN loss as a quadrature rule";
    public override Topic Topic => Topic.Pinn;
    public override IReadOnlyList<string> Papers => ["mishra2023estimates", "halton1960efficiency", "niederreiter1992random", "raissi2019physics"];

    public override string Summary =>
        "Measures the error of the PINN residual term Σ wᵢ r(xᵢ)² as an estimate of ∫ r² against N for midpoint grids, uniform random, Halton and " +
        "Gauss–Legendre points in 1-D and 2-D (theory: N^(−2/d), N^(−1/2), N^(−1), geometric), then trains PINNs on Poisson's equation on each " +
        "point set and measures their relative L2 error against N.";

    public override PinnQuadratureOptions Quick => Defaults with
    {
        IntervalQuadraturePoints = [3, 12, 48, 192],
        SquareQuadratureSides = [3, 6, 12],
        RandomDraws = 5,
        ReferenceNodes = 48,
        IntervalTrainingPoints = [3, 12],
        SquareTrainingSides = [4],
        BoundaryPointsPerEdge = 8,
        Width = 10,
        // Fewer iterations leave L-BFGS at its evaluation limit before the loss has fallen even twofold in 2-D.
        LbfgsIterations = 100,
    };

    /// <summary>The point sets compared, in the order of the tables.</summary>
    private static readonly PointSet[] Kinds = [PointSet.Grid, PointSet.Random, PointSet.Halton, PointSet.Gauss];

    /// <summary>Points on which the trained solutions are compared with the exact one: per side of [0, 1] in 1-D, and per side of the square.</summary>
    private const int EvaluationPoints1D = 1001, EvaluationPoints2D = 101;

    public override CostEstimate EstimateCost(PinnQuadratureOptions o)
    {
        double perPoint = o.HiddenLayers * (double)o.Width * o.Width;
        double Seconds(double passes, double points) =>
            passes * (points * perPoint * CostCalibration.PinnQuadrature.SecondsPerPointUnit + CostCalibration.PinnQuadrature.SecondsPerPass);
        double quadrature = Seconds(o.RandomDraws + 3, o.IntervalQuadraturePoints.Sum() + o.SquareQuadratureSides.Sum(n => n * n))
            + Seconds(1, Math.Pow(o.ReferenceNodes, 2) + o.ReferenceNodes);
        double training = Kinds.Length * (Seconds(1.25 * o.LbfgsIterations, o.IntervalTrainingPoints.Sum() + 2 * o.IntervalTrainingPoints.Length)
            + Seconds(1.25 * o.LbfgsIterations, o.SquareTrainingSides.Sum(n => n * n) + 4 * o.BoundaryPointsPerEdge * o.SquareTrainingSides.Length));
        return new CostEstimate(Kinds.Length * (o.IntervalTrainingPoints.Length + o.SquareTrainingSides.Length), "networks", TimeSpan.FromSeconds(quadrature + training));
    }

    public override ExperimentResult Run(PinnQuadratureOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The relative error of each point set's estimate of ∫ r² at each N, in one dimension.</summary>
    /// <param name="Counts">N at each size.</param>
    /// <param name="Errors">|estimate − ∫ r²| / ∫ r² per point set at each N (for random points the root mean square over the draws).</param>
    /// <param name="Integral">∫ r² by the reference Gauss rule.</param>
    /// <param name="ReferenceCheck">The reference rule's relative distance from the same rule with two thirds of its nodes per side: how well the reference is converged.</param>
    private sealed record QuadratureErrors(int Dimension, int[] Counts, IReadOnlyDictionary<PointSet, double[]> Errors, double Integral, double ReferenceCheck);

    /// <summary>One PINN trained on N collocation points of one point set.</summary>
    /// <param name="LossFall">The factor by which L-BFGS lowered the loss from the initial weights.</param>
    private sealed record Trained(int Dimension, PointSet Kind, int Count, double RelativeError, PinnLossTerms Terms, int Iterations, double Seconds, double LossFall);

    private sealed record Measurement(IReadOnlyList<QuadratureErrors> Quadrature, IReadOnlyList<Trained> Training);

    private static Measurement Measure(PinnQuadratureOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var trainings = new[] { (Dimension: 1, Sides: o.IntervalTrainingPoints), (Dimension: 2, Sides: o.SquareTrainingSides) };
        long total = (o.IntervalQuadraturePoints.Length + o.SquareQuadratureSides.Length) * (long)Kinds.Length
            + trainings.Sum(t => (long)t.Sides.Length) * Kinds.Length * o.LbfgsIterations;
        using var task = context.Progress.Start("residual integrals and L-BFGS iterations", total);

        var quadrature = new List<QuadratureErrors>
        {
            QuadratureStudy(o, 1, o.IntervalQuadraturePoints, task, context),
            QuadratureStudy(o, 2, o.SquareQuadratureSides, task, context),
        };
        var trained = new List<Trained>();
        foreach (var (dimension, sides) in trainings)
            foreach (var kind in Kinds)
                foreach (int n in sides) trained.Add(Train(o, dimension, kind, n, task, context));
        return new Measurement(quadrature, trained);
    }

    /// <summary>
    /// The quadrature view: r = Δu_θ + f of the untrained network (the one every PINN of this dimension starts from, a
    /// fixed function that is not the solution), and the loss's residual term on each point set against ∫ r².
    /// </summary>
    private static QuadratureErrors QuadratureStudy(PinnQuadratureOptions o, int dimension, int[] sides, IProgressTask task, RunContext context)
    {
        using var scope = NewDisposeScope();
        using var model = Network(o, dimension, context);
        var problem = Problem(o, dimension);
        double Estimate(CubatureRule rule)
        {
            using var loss = Loss(o, problem, rule);
            return loss.Terms(model).Residual;
        }
        double integral = Estimate(GaussLegendreProduct.Rule(o.ReferenceNodes, dimension));
        double coarser = Estimate(GaussLegendreProduct.Rule(o.ReferenceNodes * 2 / 3, dimension));
        var errors = new Dictionary<PointSet, double[]>();
        foreach (var kind in Kinds)
        {
            errors[kind] = [.. sides.Select(n =>
            {
                int draws = kind == PointSet.Random ? o.RandomDraws : 1;
                double squares = 0;
                for (int k = 0; k < draws; k++)
                {
                    var rule = CollocationPoints.Rule(kind, n, dimension, context.Random($"quadrature d={dimension} n={n} draw={k}"));
                    squares += Math.Pow((Estimate(rule) - integral) / integral, 2);
                }
                task.Advance();
                return Math.Sqrt(squares / draws);
            })];
        }
        int[] counts = [.. sides.Select(n => (int)Math.Pow(n, dimension))];
        return new QuadratureErrors(dimension, counts, errors, integral, Math.Abs(coarser - integral) / integral);
    }

    /// <summary>The learning view: a PINN trained by L-BFGS with the point set's rule as its residual term, and its error against the exact solution.</summary>
    private static Trained Train(PinnQuadratureOptions o, int dimension, PointSet kind, int perSide, IProgressTask task, RunContext context)
    {
        using var scope = NewDisposeScope();
        using var model = Network(o, dimension, context);
        var problem = Problem(o, dimension);
        var rule = CollocationPoints.Rule(kind, perSide, dimension, context.Random($"training d={dimension} n={perSide}"));
        using var loss = Loss(o, problem, rule);
        var summary = AdamThenLbfgs.Train(model, () => loss.Loss(model), 0, 0,
            new LbfgsSettings(o.LbfgsIterations, o.LbfgsIterations * 5 / 4, o.History, GradientTolerance: 1e-9, ChangeTolerance: 1e-12),
            _ => task.Advance(), context.Cancellation);
        // L-BFGS may stop early; the bar still owes its remaining iterations.
        for (int i = summary.LbfgsIterations; i < o.LbfgsIterations; i++) task.Advance();
        return new Trained(dimension, kind, rule.Count, RelativeError(o, model, problem), loss.Terms(model), summary.LbfgsIterations, summary.Seconds, summary.LossFall);
    }

    private static PoissonSine Problem(PinnQuadratureOptions o, int dimension) => new(o.Growth, [.. Enumerable.Repeat(o.Frequency, dimension)]);

    /// <summary>The network every PINN of a dimension starts from: the same draw each time, so that trainings differ in their points alone.</summary>
    private static Mlp Network(PinnQuadratureOptions o, int dimension, RunContext context)
    {
        using var generator = context.TorchGenerator($"network d={dimension}");
        int[] widths = [dimension, .. Enumerable.Repeat(o.Width, o.HiddenLayers), 1];
        return new Mlp(widths, Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, Dtype(o));
    }

    private static ScalarType Dtype(PinnQuadratureOptions o) => o.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>The Poisson loss with <paramref name="rule"/> as its residual term and zero Dirichlet data at the boundary points.</summary>
    private static PoissonPinnLoss Loss(PinnQuadratureOptions o, PoissonSine problem, CubatureRule rule)
    {
        var points = rule.Points;
        var source = new double[rule.Count];
        var x = new double[problem.Dimension];
        for (int i = 0; i < rule.Count; i++)
        {
            for (int d = 0; d < x.Length; d++) x[d] = points[i, d];
            source[i] = problem.Source(x);
        }
        var boundary = BoundaryPoints(problem.Dimension, o.BoundaryPointsPerEdge);
        return new PoissonPinnLoss(points, rule.Weights.ToArray(), source, boundary, new double[boundary.GetLength(0)],
            new PinnLossWeights(Boundary: o.BoundaryWeight, Residual: o.ResidualWeight), Dtype(o));
    }

    /// <summary>The ends 0 and 1 in 1-D; on the square, <paramref name="perEdge"/> points at the centres of equal pieces of each edge.</summary>
    private static double[,] BoundaryPoints(int dimension, int perEdge)
    {
        if (dimension == 1) return new double[,] { { 0 }, { 1 } };
        var points = new double[4 * perEdge, 2];
        for (int i = 0; i < perEdge; i++)
        {
            double s = (i + 0.5) / perEdge;
            (points[4 * i, 0], points[4 * i, 1]) = (s, 0);
            (points[4 * i + 1, 0], points[4 * i + 1, 1]) = (s, 1);
            (points[4 * i + 2, 0], points[4 * i + 2, 1]) = (0, s);
            (points[4 * i + 3, 0], points[4 * i + 3, 1]) = (1, s);
        }
        return points;
    }

    /// <summary>‖u_θ − u‖₂ / ‖u‖₂ on an equally spaced grid over the closed domain.</summary>
    private static double RelativeError(PinnQuadratureOptions o, Mlp model, PoissonSine problem)
    {
        int perSide = problem.Dimension == 1 ? EvaluationPoints1D : EvaluationPoints2D;
        var axis = Enumerable.Range(0, perSide).Select(i => i / (double)(perSide - 1)).ToArray();
        var grid = problem.Dimension == 1 ? new double[perSide, 1] : new double[perSide * perSide, 2];
        for (int p = 0; p < grid.GetLength(0); p++)
        {
            grid[p, 0] = axis[p % perSide];
            if (problem.Dimension == 2) grid[p, 1] = axis[p / perSide];
        }
        double[] predicted;
        using (no_grad())
        using (var points = tensor(grid, dtype: Dtype(o)))
        using (var u = model.forward(points))
            predicted = u.to(ScalarType.Float64).reshape(-1).data<double>().ToArray();
        double difference = 0, norm = 0;
        var x = new double[problem.Dimension];
        for (int p = 0; p < predicted.Length; p++)
        {
            for (int d = 0; d < x.Length; d++) x[d] = grid[p, d];
            double exact = problem.Value(x);
            difference += Math.Pow(predicted[p] - exact, 2);
            norm += exact * exact;
        }
        return Math.Sqrt(difference / norm);
    }
}
