using System.Globalization;
using TheoryLab.Analysis.Curvature;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Spectra;
using TheoryLab.Tables;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// The extreme Hessian eigenvalues over a plane of weight space, for Li et al.'s (2018, Section 7 and Fig. 7) map of
/// |λ_min/λ_max|: near 0 where the loss is locally convex (no negative curvature of note), large where it is not. At
/// each point of a (coarse) <see cref="SurfaceGrid"/> the weights are set through the probe (which recomputes batch-norm
/// statistics for them unless it keeps the stored ones), and λ_min and λ_max of the loss's Hessian (in evaluation mode)
/// estimated as the extreme Ritz values of Lanczos from a Rademacher start. Ritz values lie inside the spectrum, so a few steps underestimate |λ_min| and λ_max
/// alike; the ratio converges as the steps grow. Resumable like <see cref="SurfaceScan"/>.
/// </summary>
public sealed class CurvatureScan
{
    private readonly LandscapeProbe _probe;
    private readonly LossFunction _loss;
    private readonly IReadOnlyList<Batch> _batches;
    private readonly Tensor _origin;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly ParameterVector? _block;

    /// <param name="probe">Moves the weights and recomputes batch-norm statistics.</param>
    /// <param name="loss">The loss whose Hessian is taken.</param>
    /// <param name="batches">The data the Hessian's loss is averaged over (a subset keeps the products cheap).</param>
    /// <param name="origin">θ₀, flat.</param>
    /// <param name="xDirection">δ.</param>
    /// <param name="yDirection">η.</param>
    /// <param name="grid">The (α, β) to measure.</param>
    /// <param name="lanczosSteps">Lanczos steps (Hessian-vector products) per point.</param>
    /// <param name="block">The parameters the Hessian is taken over (default: all the probe moves; Li et al. use <see cref="ParameterVector.WeightTensors"/>).</param>
    public CurvatureScan(LandscapeProbe probe, LossFunction loss, IReadOnlyList<Batch> batches, Tensor origin, Tensor xDirection, Tensor yDirection, SurfaceGrid grid, int lanczosSteps,
        ParameterVector? block = null)
    {
        if (lanczosSteps < 2) throw new TheoryLabException($"estimating both extreme eigenvalues needs at least 2 Lanczos steps, not {lanczosSteps}.");
        _probe = probe;
        _loss = loss;
        _batches = batches;
        _origin = origin;
        _x = xDirection;
        _y = yDirection;
        Grid = grid;
        LanczosSteps = lanczosSteps;
        _block = block;
    }

    public SurfaceGrid Grid { get; }

    public int LanczosSteps { get; }

    /// <summary>The values a progress file keeps for each point.</summary>
    public static IReadOnlyList<string> Columns { get; } = [PlaneColumns.LambdaMin, PlaneColumns.LambdaMax];

    /// <summary>
    /// λ_min and λ_max at every grid point (see <see cref="SurfaceScan.Run"/> for the progress file, batches and
    /// progress); start vectors come from <paramref name="seed"/> and the point's index, so a resumed scan draws the
    /// same ones. The model's weights are restored at the end.
    /// </summary>
    public CurvatureResult Run(int seed, string? progressFile = null, int batchPoints = 8, IProgressSink? progress = null, CancellationToken cancellation = default)
    {
        using var saved = _probe.Weights.Flatten();
        try
        {
            string key = string.Create(CultureInfo.InvariantCulture, $"{new SurfaceScan(_probe, _origin, _x, _y, Grid).Key}; Hessian over {(_block ?? _probe.Weights).Name}, {LanczosSteps} Lanczos steps, seed {seed}");
            using var task = (progress ?? SilentProgress.Instance).Start($"Hessian extremes on {Grid.XCount}×{Grid.YCount} points", Grid.Count);
            var (values, resumed) = ResumableGrid.Run(Grid.Count, Columns, index => Extremes(index, seed), progressFile, key, batchPoints, task, cancellation);
            return new CurvatureResult(Grid, [.. values.Select(v => v[0])], [.. values.Select(v => v[1])], resumed);
        }
        finally
        {
            _probe.Weights.Write(saved);
        }
    }

    private double[] Extremes(int index, int seed)
    {
        var (alpha, beta) = Grid.Point(index);
        using Scalar a = alpha.ToScalar(), b = beta.ToScalar();
        using var point = _origin.add(_x, a).add_(_y, b);
        var (min, max) = ExtremesAt(_probe, _loss, _batches, point, LanczosSteps, new Random(Kernel.Seeds.Derive(seed, $"Lanczos start {index}")), _block);
        return [min, max];
    }

    /// <summary>
    /// λ_min and λ_max of the Hessian of <paramref name="loss"/> over <paramref name="batches"/> at <paramref name="weights"/>
    /// (left in the model, with batch-norm statistics as <paramref name="probe"/> treats them), in evaluation
    /// mode: the extreme Ritz values of <paramref name="steps"/> Lanczos steps from a Rademacher start drawn from
    /// <paramref name="random"/>, for the Hessian over <paramref name="block"/> (default: all the probe moves). The
    /// model's mode is restored.
    /// </summary>
    public static (double Min, double Max) ExtremesAt(LandscapeProbe probe, LossFunction loss, IReadOnlyList<Batch> batches, Tensor weights, int steps, Random random,
        ParameterVector? block = null)
    {
        var model = probe.Model;
        probe.MoveTo(weights);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var hessian = new HessianOperator(new Problem(model, new NoBatches(), loss), batches, block ?? probe.Weights);
            var ritz = Lanczos.Run(hessian.Multiply, ProbeVectors.Rademacher(hessian.Dimension, random), Math.Min(steps, hessian.Dimension)).RitzValues();
            return (ritz[0], ritz[^1]);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The Hessian operator takes its batches as given; its problem's own data are never read.</summary>
    private sealed class NoBatches : IBatchSource
    {
        public long Count => 0;
        public IEnumerable<Batch> Epoch(int epoch) => [];
    }
}

/// <summary>The extreme Hessian eigenvalues at each point of a grid, in the grid's order.</summary>
public sealed record CurvatureResult(SurfaceGrid Grid, IReadOnlyList<double> LambdaMin, IReadOnlyList<double> LambdaMax, int Resumed)
{
    /// <summary>|λ_min/λ_max| at each point (Li et al.'s map; 0 where λ_min ≥ 0, where the loss is locally convex).</summary>
    public IReadOnlyList<double> Ratio => [.. LambdaMin.Zip(LambdaMax, (min, max) => min >= 0 ? 0 : Math.Abs(min / max))];

    /// <summary>The fraction of points whose ratio exceeds <paramref name="threshold"/>: how much of the plane is markedly non-convex.</summary>
    public double FractionAbove(double threshold) => Ratio.Count(r => r > threshold) / (double)Ratio.Count;

    /// <summary>One row per point: x, y, λ_min, λ_max and |λ_min/λ_max|.</summary>
    public Table ToTable(string name) => new Table(name)
        .Add(PlaneColumns.X, Enumerable.Range(0, Grid.Count).Select(k => Grid.Point(k).X))
        .Add(PlaneColumns.Y, Enumerable.Range(0, Grid.Count).Select(k => Grid.Point(k).Y))
        .Add(PlaneColumns.LambdaMin, LambdaMin)
        .Add(PlaneColumns.LambdaMax, LambdaMax)
        .Add(PlaneColumns.Ratio, Ratio);
}
