using TheoryLab.Training.Optimizers;

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
}
