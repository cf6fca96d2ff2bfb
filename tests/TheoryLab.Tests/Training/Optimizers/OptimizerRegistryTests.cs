using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Optimizers;

public class OptimizerRegistryTests
{
    [Fact]
    public void Create_WithHyperparameters_BuildsTheNamedOptimizer()
    {
        using var optimizer = OptimizerRegistry.Create("nesterov", new Dictionary<string, double> { ["lr"] = 0.1, ["momentum"] = 0.5 });
        var nesterov = Assert.IsType<Nesterov>(optimizer);
        Assert.Equal(0.5, nesterov.Momentum);
    }

    [Fact]
    public void Create_WithAMisspeltName_SuggestsTheClosest()
    {
        var error = Assert.Throws<TheoryLabException>(() => OptimizerRegistry.Create("adma"));
        Assert.Contains("did you mean adam", error.Message);
    }

    [Fact]
    public void Create_WithAnUnknownHyperparameter_SuggestsTheClosest()
    {
        var error = Assert.Throws<TheoryLabException>(() => OptimizerRegistry.Create("heavy-ball", new Dictionary<string, double> { ["momentun"] = 0.9 }));
        Assert.Contains("did you mean momentum", error.Message);
    }

    [Fact]
    public void Names_CoverEveryStepwiseOptimizer() =>
        Assert.Equal(["adagrad", "adagrad-norm", "adam", "heavy-ball", "nesterov", "rmsprop", "sgd"], OptimizerRegistry.Names);

    [Fact]
    public void AFactorSchedule_ScalesEveryOptimizersLearningRateAtEachStep()
    {
        // LearningRate reports the step just taken: lr·f(k) after step k (from 0), for every name in the registry.
        TorchRuntime.EnsureLoaded();
        var factor = new MilestoneStep(1, [2], 0.1);
        foreach (string name in OptimizerRegistry.Names.Where(n => n != "adagrad-norm"))
        {
            using var optimizer = OptimizerRegistry.Create(name, new Dictionary<string, double> { ["lr"] = 0.5 }, factor);
            using var x = tensor(new[] { 1.0, -1.0 }, dtype: float64);
            var rates = new List<double>();
            for (int k = 0; k < 4; k++)
            {
                optimizer.Step([x], [x.clone()]);
                rates.Add(optimizer.LearningRate);
            }
            Assert.Equal([0.5, 0.5, 0.05, 0.05], rates.Select(r => Math.Round(r, 15)));
        }
    }

    [Fact]
    public void AdaGradNormWithAFactor_StepsByTheScaledEtaOverB()
    {
        // By hand on x = (3, 4), g = x: b₁² = 1 + 25, x₁ = x₀ − η f(0) g/b₁; then b₂² = b₁² + ‖x₁‖², x₂ = x₁ − η f(1) x₁/b₂.
        TorchRuntime.EnsureLoaded();
        using var optimizer = OptimizerRegistry.Create("adagrad-norm", new Dictionary<string, double> { ["lr"] = 2, ["b0"] = 1 }, new MilestoneStep(1, [1], 0.25));
        using var x = tensor(new[] { 3.0, 4.0 }, dtype: float64);
        optimizer.Step([x], [x.clone()]);
        optimizer.Step([x], [x.clone()]);
        double b1 = Math.Sqrt(26), shrink1 = 1 - 2 / b1;
        double b2 = Math.Sqrt(26 + 25 * shrink1 * shrink1), shrink2 = 1 - 0.5 / b2;
        Assert.Equal(3 * shrink1 * shrink2, x[0].item<double>(), 14);
        Assert.Equal(4 * shrink1 * shrink2, x[1].item<double>(), 14);
        Assert.Equal(0.5 / b2, optimizer.LearningRate, 15);
    }
}
