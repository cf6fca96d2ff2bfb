using TheoryLab.Analysis.Landscape;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

public class SurfaceScanTests
{
    private static readonly SurfaceGrid Grid = new(-1, 1, 5, -0.5, 1.5, 4);

    [Fact]
    public void Surface_OfANoTargetQuadraticLoss_IsTheQuadraticFormAtEveryPoint()
    {
        TorchRuntime.EnsureLoaded();
        var (problem, c) = LandscapeTestModels.QuadraticForm(dimension: 3, examples: 40, seed: 1, batchSize: 7);
        var probe = LandscapeProbe.ForLoss(problem);
        using var origin = probe.Weights.Flatten();
        using var dx = tensor(new[] { 1.0, 0, -0.5 });
        using var dy = tensor(new[] { 0.2, 0.7, 0.1 });
        var result = new SurfaceScan(probe, origin, dx, dy, Grid).Run();

        var w0 = origin.data<double>().ToArray();
        var table = result.ToTable("surface");
        for (int k = 0; k < Grid.Count; k++)
        {
            var (a, b) = Grid.Point(k);
            double[] w = [w0[0] + a * 1.0 + b * 0.2, w0[1] + b * 0.7, w0[2] - a * 0.5 + b * 0.1];
            double exact = LandscapeTestModels.Quadratic(c, w);
            // float64 throughout; batches of 7 averaged by example count: agreement to rounding.
            Assert.Equal(exact, result.Points[k].Loss, exact * 1e-12);
            Assert.Equal(a, table.Numbers("x")[k]);
            Assert.Equal(b, table.Numbers("y")[k]);
        }
        Assert.False(table.Has("accuracy"));
        Assert.True(probe.Weights.Flatten().allclose(origin, rtol: 0, atol: 0), "the scan must restore the weights");
    }

    [Fact]
    public void Scan_CancelledPartWay_ResumesFromItsFile_MeasuringOnlyThePointsLeft_AndAgreesWithAnUninterruptedScan()
    {
        TorchRuntime.EnsureLoaded();
        using var dir = new TempDirectory();
        string file = dir["surface.csv"];
        var (problem, _) = LandscapeTestModels.QuadraticForm(dimension: 3, examples: 10, seed: 2, batchSize: 10);
        int calls = 0;
        using var cancel = new CancellationTokenSource();
        const int stopAfter = 7;
        LossFunction counting = (m, batch) =>
        {
            if (++calls == stopAfter) cancel.Cancel();
            return problem.Loss(m, batch);
        };
        var probe = LandscapeProbe.ForLoss(problem with { Loss = counting });
        using var origin = probe.Weights.Flatten();
        using var dx = tensor(new[] { 1.0, 2, 3 });
        using var dy = tensor(new[] { -1.0, 0, 1 });
        var scan = new SurfaceScan(probe, origin, dx, dy, Grid);

        Assert.Throws<OperationCanceledException>(() => scan.Run(file, batchPoints: 3, cancellation: cancel.Token));
        // One loss call per point (one batch of data); the seventh point finished, then the eighth saw the cancellation.
        Assert.Equal(stopAfter, calls);
        Assert.Equal(stopAfter, new FinishedPoints(file, scan.Key, SurfaceScan.Columns).Load().Count);

        calls = 0;
        var resumed = scan.Run(file, batchPoints: 3);
        Assert.Equal(stopAfter, resumed.Resumed);
        Assert.Equal(Grid.Count - stopAfter, calls);

        var whole = scan.Run();
        Assert.Equal(whole.Points, resumed.Points);
    }

    [Fact]
    public void ProgressFile_OfAnotherScan_IsNotResumedFrom()
    {
        TorchRuntime.EnsureLoaded();
        using var dir = new TempDirectory();
        string file = dir["surface.csv"];
        var (problem, _) = LandscapeTestModels.QuadraticForm(dimension: 2, examples: 5, seed: 3, batchSize: 5);
        var probe = LandscapeProbe.ForLoss(problem);
        using var origin = probe.Weights.Flatten();
        using var dx = tensor(new[] { 1.0, 0 });
        using var dy = tensor(new[] { 0.0, 1 });
        using var other = tensor(new[] { 0.0, 2 });
        new SurfaceScan(probe, origin, dx, dy, Grid).Run(file);

        var another = new SurfaceScan(probe, origin, dx, other, Grid).Run(file);
        Assert.Equal(0, another.Resumed);
        Assert.Equal(Grid.Count, new FinishedPoints(file, new SurfaceScan(probe, origin, dx, other, Grid).Key, SurfaceScan.Columns).Load().Count);
    }

    [Fact]
    public void TornLastRow_IsIgnored_AndCutBeforeTheNextAppend()
    {
        using var dir = new TempDirectory();
        var points = new FinishedPoints(dir["p.csv"], "key", ["loss", "accuracy"]);
        points.Open();
        points.Append([(0, [1.5, 0.25]), (3, [2.5, double.NaN])]);
        File.AppendAllText(dir["p.csv"], "4,0.12");
        Assert.Equal([0, 3], points.Load().Keys.Order());

        points.Open();
        points.Append([(4, [0.5, 1])]);
        var loaded = points.Load();
        Assert.Equal([0, 3, 4], loaded.Keys.Order());
        Assert.Equal([1.5, 0.25], loaded[0]);
        Assert.True(double.IsNaN(loaded[3][1]));
        Assert.Equal([0.5, 1], loaded[4]);
        Assert.Empty(new FinishedPoints(dir["p.csv"], "key", ["loss"]).Load());
    }

    [Fact]
    public void CostEstimate_CountsEveryPointOfTheGrid()
    {
        TorchRuntime.EnsureLoaded();
        var (problem, _) = LandscapeTestModels.QuadraticForm(dimension: 2, examples: 5, seed: 4, batchSize: 5);
        var probe = LandscapeProbe.ForLoss(problem);
        using var origin = probe.Weights.Flatten();
        using var d = tensor(new[] { 1.0, 0 });
        var estimate = new SurfaceScan(probe, origin, d, d, SurfaceGrid.Square(1, 51)).EstimateCost();
        Assert.Equal(51 * 51, estimate.Units);
        Assert.True(estimate.Estimated > TimeSpan.Zero);
    }

    [Fact]
    public void PlaneCurvatureRatios_AreZeroOnABowl_OneOnASymmetricSaddle_AndNaNOnTheBorder()
    {
        var grid = SurfaceGrid.Square(1, 5);
        SurfaceResult Of(Func<double, double, double> f) =>
            new(grid, [.. Enumerable.Range(0, grid.Count).Select(k => new PointMeasure(f(grid.Point(k).X, grid.Point(k).Y), null))], 0);

        // Second differences are exact on quadratics: the bowl's curvatures are 2 and 6, the saddle's 2 and −2 (ratio 1).
        var bowl = Of((a, b) => a * a + 3 * b * b + a * b / 4).PlaneCurvatureRatios();
        var saddle = Of((a, b) => a * a - b * b).PlaneCurvatureRatios();
        for (int k = 0; k < grid.Count; k++)
        {
            var (x, y) = grid.Point(k);
            if (Math.Abs(x) == 1 || Math.Abs(y) == 1)
            {
                Assert.True(double.IsNaN(bowl[k]));
                continue;
            }
            Assert.Equal(0, bowl[k]);
            Assert.Equal(1, saddle[k], 1e-12);
        }
    }

    [Fact]
    public void LocalMinima_FindTheBowlsCentre_EveryDipOfARippledBowl_AndNothingOnTheBorder()
    {
        var grid = SurfaceGrid.Square(1, 41);
        SurfaceResult Of(Func<double, double, double> f) =>
            new(grid, [.. Enumerable.Range(0, grid.Count).Select(k => new PointMeasure(f(grid.Point(k).X, grid.Point(k).Y), null))], 0);

        var bowl = Of((a, b) => a * a + b * b).LocalMinima();
        // −cos(4πa)·cos(4πb) dips to −1 where both cosines are 1 (a, b ∈ {0, ±1/2}: 9 interior points, ±1 being the
        // border) or both −1 (a, b ∈ {±1/4, ±3/4}: 16), all on the grid's 0.05 steps; the shallow bowl moves none.
        var rippled = Of((a, b) => 0.05 * (a * a + b * b) - Math.Cos(4 * Math.PI * a) * Math.Cos(4 * Math.PI * b)).LocalMinima();
        var tilted = Of((a, b) => a + 2 * b).LocalMinima();

        Assert.Equal([grid.Count / 2], bowl);
        Assert.Equal(25, rippled.Count);
        Assert.Contains(grid.Count / 2, rippled);
        Assert.Empty(tilted);
    }
}
