using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training.Gans;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Gans;

/// <summary>
/// The alternating steps on a game whose answer is known: an affine generator x = az + b against a logistic
/// discriminator, which can only see the mean, so the generator's offset b must move to the data's mean (around which
/// such a game circles rather than settles, Mescheder et al. 2018, so the test averages b over the second half); and the
/// callbacks see step 0 and every step after.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class GanTrainingTests
{
    public GanTrainingTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(GeneratorObjective.NonSaturating)]
    [InlineData(GeneratorObjective.Minimax)]
    public void AnAffineGeneratorAgainstALogisticDiscriminator_MovesItsMeanToTheDatas(GeneratorObjective objective)
    {
        using var weights = new Generator(5);
        using var draws = new Generator(6);
        using var g = new Mlp([1, 1], Activations.Relu, TorchDefaultInitialisation.Instance, weights, ScalarType.Float64);
        using var d = new Mlp([1, 1], Activations.Relu, TorchDefaultInitialisation.Instance, weights, ScalarType.Float64);
        using var dataMean = 3.ToScalar();
        var game = new GanGame(g, d, n => randn([n, 1], dtype: float64, generator: draws), _ => randn([256, 1], dtype: float64, generator: draws) + dataMean, 256, objective);
        var seen = new List<long>();
        var offsets = new List<double>();
        using var gOptimizer = new Adam(0.01, beta1: 0.5);
        using var dOptimizer = new Adam(0.01, beta1: 0.5);
        var losses = GanTraining.Train(game, gOptimizer, dOptimizer, 3000, [moment =>
        {
            seen.Add(moment.Step);
            offsets.Add(g.Layers[0].bias!.AsDouble());
        }]);
        Assert.Equal(Enumerable.Range(0, 3001).Select(s => (long)s), seen);
        Assert.Equal(3000, losses.Length);
        Assert.InRange(offsets[0], -1.5, 1.5);
        Assert.InRange(offsets[1500..].Average(), 2.8, 3.2);
        // At the end D cannot tell the means apart: its loss is near log 4.
        Assert.InRange(losses[^100..].Average(), Math.Log(4) - 0.05, Math.Log(4) + 0.05);
    }
}
