using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Optimizers;

public class ScheduledUpdatesTests
{
    /// <summary>The iterates of <paramref name="optimizer"/> on f(x) = ½(10x₁² + x₂²) from (1, −2), in float64.</summary>
    private static double[][] Trajectory(IOptimizer optimizer, int steps)
    {
        TorchRuntime.EnsureLoaded();
        using var x = tensor(new double[] { 1, -2 }, dtype: float64);
        using var curvature = tensor(new double[] { 10, 1 }, dtype: float64);
        var points = new double[steps][];
        for (int k = 0; k < steps; k++)
        {
            using var scope = NewDisposeScope();
            optimizer.Step([x], [x * curvature]);
            points[k] = x.data<double>().ToArray();
        }
        optimizer.Dispose();
        return points;
    }

    [Fact]
    public void CosineFactorOnSgd_EqualsSgdWithTheCosineStepItself()
    {
        // SGD's update is the step size times the gradient, so scaling it by f(k) must reproduce the scheduled step
        // α·f(k) exactly up to rounding (1e-12 relative on values of order 1).
        var scaled = Trajectory(new ScheduledUpdates(new Sgd(0.05), new CosineStep(1, 40)), 40);
        var direct = Trajectory(new Sgd(new CosineStep(0.05, 40)), 40);
        for (int k = 0; k < 40; k++)
            for (int i = 0; i < 2; i++) Assert.Equal(direct[k][i], scaled[k][i], 12);
    }

    [Fact]
    public void ConstantFactorOnAdam_EqualsAdamWithTheScaledLearningRate()
    {
        // Adam's update is η times a direction that does not depend on η: a factor ½ is Adam at η/2.
        var scaled = Trajectory(new ScheduledUpdates(new Adam(0.1), new ConstantStep(0.5)), 30);
        var direct = Trajectory(new Adam(0.05), 30);
        for (int k = 0; k < 30; k++)
            for (int i = 0; i < 2; i++) Assert.Equal(direct[k][i], scaled[k][i], 12);
    }
}
