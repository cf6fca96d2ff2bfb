using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Optimizers;

/// <summary>Ward, Wu and Bottou's robustness claim on a quadratic: AdaGrad-Norm converges from any small b₀, where SGD with step η/b₀ diverges.</summary>
public class AdaGradNormRobustnessTests
{
    private static readonly double[] Curvature = [10.0, 1.0];

    /// <summary>‖x‖ after <paramref name="steps"/> steps on f(x) = ½(10x₁² + x₂²) from (1, 1).</summary>
    private static double DistanceAfter(IOptimizer optimizer, int steps)
    {
        TorchRuntime.EnsureLoaded();
        var x = tensor(new double[] { 1, 1 }, dtype: float64);
        var a = tensor(Curvature, dtype: float64);
        for (int k = 0; k < steps; k++)
        {
            using var scope = NewDisposeScope();
            optimizer.Step([x], [x * a]);
        }
        optimizer.Dispose();
        return x.norm().AsDouble();
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-2)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void AdaGradNorm_FromSmallB0_ConvergesWhereSgdWithStepOneOverB0Diverges(double b0)
    {
        // SGD with step 1/b₀ diverges on the curvature-10 coordinate once 1/b₀ > 2/10, i.e. b₀ < 5.
        // (For the smallest b₀ the iterates overflow to infinity and then NaN, which counts as diverged.)
        double sgd = DistanceAfter(new Sgd(1 / b0), 200);
        Assert.True(double.IsNaN(sgd) || sgd > 1e3, $"SGD with step 1/{b0} should diverge, ended at {sgd}");
        // AdaGrad-Norm's b grows past L/2 within a few steps and then stays bounded, so it converges linearly.
        Assert.True(DistanceAfter(new AdaGradNorm(1, b0), 400) < 1e-8, $"AdaGrad-Norm from b0 = {b0} should converge");
    }
}
