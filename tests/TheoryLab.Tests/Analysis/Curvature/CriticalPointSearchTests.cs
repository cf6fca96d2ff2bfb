using TheoryLab.Analysis.Curvature;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Curvature;

public class CriticalPointSearchTests
{
    [Fact]
    public void AtEndPoint_HandsOverTheHessianAFreshOperatorFormsThere_BitForBit()
    {
        var problem = SmallProblems.TanhNetwork(seed: 9);
        var batches = problem.Data.Epoch(0).ToList();
        using var handed = zeros(67, 67, dtype: float64);
        var point = CriticalPointSearch.Refine(problem, batches, maxIterations: 3, tolerance: 1e-12, atEndPoint: h => handed.copy_(h));

        using var fresh = new HessianOperator(problem, batches);
        using var expected = fresh.Exact();
        Assert.Equal(3, point.Iterations);
        Assert.True(handed.equal(expected).all().item<bool>(), $"max deviation {(handed - expected).abs().max().AsDouble()}");
        Assert.Equal(point.Eigenvalues, linalg.eigh(expected).Item1.data<double>().ToArray());
    }
}
