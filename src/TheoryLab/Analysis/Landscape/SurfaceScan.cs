using System.Diagnostics;
using System.Globalization;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// The loss over a plane of weight space, f(α, β) = L(θ₀ + α δ + β η) on a <see cref="SurfaceGrid"/> (Li et al. 2018,
/// Section 4): measured point by point through a <see cref="LandscapeProbe"/>, in batches of points. With a progress
/// file, each finished batch is appended to it and a later scan of the same plane skips the points already there, so
/// an interrupted scan resumes where it stopped.
/// </summary>
public sealed class SurfaceScan
{
    private readonly LandscapeProbe _probe;
    private readonly Tensor _origin;
    private readonly Tensor _x;
    private readonly Tensor _y;

    /// <param name="probe">What is measured at each point.</param>
    /// <param name="origin">θ₀, flat (see <see cref="LandscapeProbe.Weights"/>).</param>
    /// <param name="xDirection">δ, the direction of α.</param>
    /// <param name="yDirection">η, the direction of β.</param>
    /// <param name="grid">The (α, β) to measure.</param>
    public SurfaceScan(LandscapeProbe probe, Tensor origin, Tensor xDirection, Tensor yDirection, SurfaceGrid grid)
    {
        _probe = probe;
        _origin = origin;
        _x = xDirection;
        _y = yDirection;
        Grid = grid;
    }

    public SurfaceGrid Grid { get; }

    /// <summary>
    /// What identifies this scan in a progress file: the grid and, for each of θ₀, δ and η, its length, norm and a
    /// position-weighted sum (a different vector almost surely changes one of them).
    /// </summary>
    public string Key => $"{Grid}; θ₀ {Fingerprint(_origin)}; δ {Fingerprint(_x)}; η {Fingerprint(_y)}";

    /// <summary>
    /// The cost of the whole grid from the median time of <paramref name="samples"/> measurements at θ₀ (after one
    /// unmeasured warm-up). The model's weights are restored afterwards.
    /// </summary>
    public CostEstimate EstimateCost(int samples = 3) =>
        CostEstimate.FromCalibration(Grid.Count, "grid points", SecondsPerPoint(_probe, _origin, samples));

    /// <summary>The median seconds of one measurement at <paramref name="weights"/> (after a warm-up); weights restored afterwards.</summary>
    public static double SecondsPerPoint(LandscapeProbe probe, Tensor weights, int samples = 3)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "at least one sample");
        using var saved = probe.Weights.Flatten();
        try
        {
            var seconds = new double[samples];
            probe.MeasureAt(weights);
            for (int k = 0; k < samples; k++)
            {
                long start = Stopwatch.GetTimestamp();
                probe.MeasureAt(weights);
                seconds[k] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            Array.Sort(seconds);
            return seconds[samples / 2];
        }
        finally
        {
            probe.Weights.Write(saved);
        }
    }

    /// <summary>
    /// Measures every point of the grid not already in <paramref name="progressFile"/>, <paramref name="batchPoints"/> at
    /// a time; after each batch the finished points are appended to the file (on cancellation, those finished so far; see
    /// <see cref="ResumableGrid"/>). Progress, if a sink is given, is one task over the whole grid whose title carries the
    /// cost estimate of the whole grid. The model's weights are restored at the end.
    /// </summary>
    /// <param name="progressFile">CSV of finished points (<see cref="FinishedPoints"/>), or null to keep nothing.</param>
    /// <param name="batchPoints">Points measured between two writes of the progress file.</param>
    public SurfaceResult Run(string? progressFile = null, int batchPoints = 64, IProgressSink? progress = null, CancellationToken cancellation = default)
    {
        using var saved = _probe.Weights.Flatten();
        try
        {
            string title = $"loss surface {Grid.XCount}×{Grid.YCount}";
            if (progress is not null) title += $": {EstimateCost(samples: 1)}";
            using var task = (progress ?? SilentProgress.Instance).Start(title, Grid.Count);
            var (values, resumed) = ResumableGrid.Run(Grid.Count, Columns, index =>
            {
                var measure = MeasurePoint(index);
                return [measure.Loss, measure.Accuracy ?? double.NaN];
            }, progressFile, Key, batchPoints, task, cancellation);
            return new SurfaceResult(Grid, [.. values.Select(v => new PointMeasure(v[0], double.IsNaN(v[1]) ? null : v[1]))], resumed);
        }
        finally
        {
            _probe.Weights.Write(saved);
        }
    }

    /// <summary>The values a progress file keeps for each point.</summary>
    public static IReadOnlyList<string> Columns { get; } = [PlaneColumns.Loss, PlaneColumns.Accuracy];

    private PointMeasure MeasurePoint(int index)
    {
        var (alpha, beta) = Grid.Point(index);
        _probe.Weights.Write(_origin);
        _probe.Weights.Add(_x, alpha);
        _probe.Weights.Add(_y, beta);
        return _probe.Measure();
    }

    private static string Fingerprint(Tensor v)
    {
        using var scope = NewDisposeScope();
        var flat = v.detach().to(float64).reshape(-1);
        using Scalar seven = 7.ToScalar(), one = 1.ToScalar(), length = flat.shape[0].ToScalar();
        var weights = HeldScalars.Range(length, float64).remainder_(seven).PlusInPlace(one);
        return string.Create(CultureInfo.InvariantCulture, $"[{flat.shape[0]}] ‖·‖ {flat.norm().AsDouble():R} Σ {flat.mul(weights).sum().AsDouble():R}");
    }
}

/// <summary>A measured surface: the grid and the measure at each of its points, in the grid's order.</summary>
/// <param name="Resumed">Points taken from the progress file rather than measured by this run.</param>
public sealed record SurfaceResult(SurfaceGrid Grid, IReadOnlyList<PointMeasure> Points, int Resumed)
{
    /// <summary>
    /// The non-convexity the plot itself shows: at each interior point, the eigenvalues of the 2 × 2 Hessian of the
    /// plotted f(α, β) by central second differences, and |λ_min/λ_max| where λ_min &lt; 0 (0 where the plot is locally
    /// convex); NaN on the border. The plot's curvatures are averages of the full Hessian's eigenvalues (Li et al. 2018,
    /// Section 7), so negative ones here imply negative ones there, while a convex-looking plot implies nothing.
    /// </summary>
    public double[] PlaneCurvatureRatios()
    {
        int nx = Grid.XCount, ny = Grid.YCount;
        var ratios = Enumerable.Repeat(double.NaN, Grid.Count).ToArray();
        if (nx < 3 || ny < 3) return ratios;
        double hx = Grid.X(1) - Grid.X(0), hy = Grid.Y(1) - Grid.Y(0);
        double F(int i, int j) => Points[j * nx + i].Loss;
        for (int j = 1; j < ny - 1; j++)
        {
            for (int i = 1; i < nx - 1; i++)
            {
                double fxx = (F(i + 1, j) - 2 * F(i, j) + F(i - 1, j)) / (hx * hx);
                double fyy = (F(i, j + 1) - 2 * F(i, j) + F(i, j - 1)) / (hy * hy);
                double fxy = (F(i + 1, j + 1) - F(i + 1, j - 1) - F(i - 1, j + 1) + F(i - 1, j - 1)) / (4 * hx * hy);
                double mean = (fxx + fyy) / 2, radius = Math.Sqrt((fxx - fyy) * (fxx - fyy) / 4 + fxy * fxy);
                double min = mean - radius, max = mean + radius;
                ratios[j * nx + i] = min >= 0 ? 0 : Math.Abs(min / max);
            }
        }
        return ratios;
    }

    /// <summary>
    /// The strict local minima of the plotted surface: interior points below all eight neighbours, as grid indices.
    /// Li et al. (2018, Section 6) call the plots of deep networks without skip connections "chaotic"; the count of
    /// spurious minima, beside the trained one at the centre, is that chaos as a number, one the plot itself shows
    /// whatever the Hessian's extreme eigenvalues say. Border points are left out: their neighbourhood is cut off.
    /// </summary>
    public IReadOnlyList<int> LocalMinima()
    {
        int nx = Grid.XCount, ny = Grid.YCount;
        double Loss(int i, int j) => Points[j * nx + i].Loss;
        bool BelowItsNeighbours(int i, int j) =>
            Enumerable.Range(-1, 3).All(dj => Enumerable.Range(-1, 3).All(di => (di == 0 && dj == 0) || Loss(i + di, j + dj) > Loss(i, j)));
        return [.. Enumerable.Range(1, Math.Max(ny - 2, 0)).SelectMany(j => Enumerable.Range(1, Math.Max(nx - 2, 0)).Where(i => BelowItsNeighbours(i, j)).Select(i => j * nx + i))];
    }

    /// <summary>The surface in long form, one row per point: x (α), y (β), loss and, when measured, accuracy.</summary>
    public Table ToTable(string name)
    {
        var table = new Table(name)
            .Add(PlaneColumns.X, Enumerable.Range(0, Grid.Count).Select(k => Grid.Point(k).X))
            .Add(PlaneColumns.Y, Enumerable.Range(0, Grid.Count).Select(k => Grid.Point(k).Y))
            .Add(PlaneColumns.Loss, Points.Select(p => p.Loss));
        if (Points.All(p => p.Accuracy is not null)) table.Add(PlaneColumns.Accuracy, Points.Select(p => p.Accuracy!.Value));
        return table;
    }
}
