using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class LeastSquaresSumTests
{
    [Fact]
    public void Minimizer_HasZeroFullGradient_AndGapMatchesValueDifference()
    {
        TorchRuntime.EnsureLoaded();
        var random = new Random(3);
        var a = tensor(Enumerable.Range(0, 40 * 3).Select(_ => random.NextDouble() - 0.5).ToArray(), dtype: float64).reshape(40, 3);
        var b = tensor(Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray(), dtype: float64);
        using var problem = new LeastSquaresSum(a, b, ridge: 0.1);
        Assert.True(problem.FullGradient(problem.Minimizer).norm().item<double>() < 1e-13);
        var x = tensor(new double[] { 1, -2, 0.5 }, dtype: float64);
        Assert.Equal(problem.Value(x) - problem.MinimumValue, problem.Gap(x), 1e-12);
        // The mean of the single-sample gradients is the full gradient.
        var mean = problem.Gradient(x, Enumerable.Range(0, 40).ToList());
        Assert.True((mean - problem.FullGradient(x)).abs().max().item<double>() < 1e-14);
        Assert.True(problem.StrongConvexity >= 0.1 - 1e-12 && problem.Smoothness > problem.StrongConvexity);
    }
}
