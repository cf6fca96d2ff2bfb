using TheoryLab.Analysis;
using TheoryLab.Analysis.Curvature;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Tests.Analysis.Curvature;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

public class CurvatureScanTests
{
    /// <summary>
    /// L(w) = (‖w‖² − 1)² in the plane has Hessian 4(‖w‖² − 1)I + 8wwᵀ, with eigenvalues 4(‖w‖² − 1) (across w) and
    /// 12‖w‖² − 4 (along w): negative curvature inside the ring of minima, none outside.
    /// </summary>
    [Fact]
    public void ExtremesOnTheRingLoss_AreTheClosedFormEigenvalues_AndTheRatioVanishesWhereTheLossIsConvex()
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FreeVector(0, 0);
        using var radius = 1.ToScalar();
        LossFunction ring = (m, _) => m.call(zeros(1)).Squared().sum().sub(radius).Squared();
        var data = LandscapeTestModels.NoData();
        var probe = LandscapeProbe.ForLoss(new Problem(model, data, ring));
        using var origin = zeros(2, dtype: float64);
        using var dx = tensor(new[] { 1.0, 0 });
        using var dy = tensor(new[] { 0.0, 1 });
        // Off the diagonals |x| = |y|, where a Rademacher start (±1, ±1) would be an eigenvector and Lanczos would stop at
        // one Ritz value; elsewhere two steps span the plane and the Ritz values are the exact eigenvalues.
        var grid = new SurfaceGrid(-1.5, 1.5, 7, -1.2, 1.3, 6);
        var result = new CurvatureScan(probe, ring, [.. data.Epoch(0)], origin, dx, dy, grid, lanczosSteps: 2).Run(seed: 1);

        for (int k = 0; k < grid.Count; k++)
        {
            var (x, y) = grid.Point(k);
            double r2 = x * x + y * y;
            double across = 4 * (r2 - 1), along = 12 * r2 - 4;
            // float64 Hessian-vector products and a 2×2 tridiagonal eigensolve: rounding only.
            Assert.Equal(Math.Min(across, along), result.LambdaMin[k], 1e-9);
            Assert.Equal(Math.Max(across, along), result.LambdaMax[k], 1e-9);
            if (r2 >= 1) Assert.Equal(0, result.Ratio[k]);
        }
        Assert.True(result.FractionAbove(0.5) > 0 && result.FractionAbove(0.5) < 1);

        // At the origin the Hessian is −4I: |λ_min/λ_max| = 1.
        var centre = new CurvatureScan(probe, ring, [.. data.Epoch(0)], origin, dx, dy, new SurfaceGrid(0, 0, 1, 0, 0, 1), lanczosSteps: 2).Run(seed: 1);
        Assert.Equal(-4, centre.LambdaMin[0], 1e-12);
        Assert.Equal(1, centre.Ratio[0], 1e-12);
    }

    [Fact]
    public void ExtremesOfAQuadraticForm_AreTwiceTheExtremeEigenvaluesOfC_Everywhere()
    {
        TorchRuntime.EnsureLoaded();
        var (problem, c) = LandscapeTestModels.QuadraticForm(dimension: 4, examples: 30, seed: 8, batchSize: 30);
        var probe = LandscapeProbe.ForLoss(problem);
        using var origin = probe.Weights.Flatten();
        using var d = tensor(new[] { 1.0, -1, 0.5, 2 });
        var result = new CurvatureScan(probe, problem.Loss, [.. problem.Data.Epoch(0)], origin, d, d, SurfaceGrid.Square(1, 3), lanczosSteps: 4).Run(seed: 2);

        using var cTensor = tensor(Enumerable.Range(0, 16).Select(i => c[i / 4, i % 4]).ToArray(), dtype: float64).reshape(4, 4);
        var eigenvalues = linalg.eigvalsh(cTensor).data<double>().ToArray();
        foreach (double min in result.LambdaMin) Assert.Equal(2 * eigenvalues[0], min, 1e-9);
        foreach (double max in result.LambdaMax) Assert.Equal(2 * eigenvalues[^1], max, 1e-9);
        Assert.All(result.Ratio, r => Assert.Equal(0, r));
    }

    [Fact]
    public void ExtremesOverABlock_AreThoseOfTheHessiansDiagonalBlock_NotOfTheWholeHessian()
    {
        TorchRuntime.EnsureLoaded();
        var problem = SmallProblems.TanhNetwork(seed: 4);
        var probe = LandscapeProbe.ForLoss(problem);
        var batches = problem.Data.Epoch(0).ToList();
        var weights = ParameterVector.WeightTensors(problem.Model);
        using var origin = probe.Weights.Flatten();

        // As many Lanczos steps as the block has parameters: the Ritz values are then its exact extreme eigenvalues.
        var (min, max) = CurvatureScan.ExtremesAt(probe, problem.Loss, batches, origin, (int)weights.Length, new Random(3), weights);

        using var block = new HessianOperator(problem, batches, weights);
        var exact = linalg.eigvalsh(block.Exact()).data<double>().ToArray();
        Assert.Equal(exact[0], min, 1e-8);
        Assert.Equal(exact[^1], max, 1e-8);
        using var whole = new HessianOperator(problem, batches);
        var all = linalg.eigvalsh(whole.Exact()).data<double>().ToArray();
        Assert.True(Math.Abs(all[^1] - exact[^1]) > 1e-3 || Math.Abs(all[0] - exact[0]) > 1e-3, "the block's extremes should differ from the whole Hessian's");
    }
}
