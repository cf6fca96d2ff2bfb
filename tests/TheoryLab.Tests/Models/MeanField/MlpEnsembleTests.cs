using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.MeanField;

public class MlpEnsembleTests
{
    private const int Inputs = 12, Classes = 4, Examples = 96, BatchSize = 16;
    private static readonly double[] SigmaW2 = [0.8, 1.8, 3.5];

    public MlpEnsembleTests() => TheoryLab.Torch.TorchRuntime.EnsureLoaded();

    [Fact]
    public void EachMember_StartsAsItsSpecBuildsItAlone()
    {
        using var scope = NewDisposeScope();
        using var ensemble = Ensemble(SigmaW2);
        for (int g = 0; g < SigmaW2.Length; g++)
        {
            using var alone = Alone(g);
            var layers = alone.Layers;
            Assert.Equal(layers.Count, ensemble.Specs[g].Depth + 1);
            for (int l = 0; l < layers.Count; l++)
            {
                Assert.True(ensemble.Weight(l)[g].equal(layers[l].weight!).all().item<bool>(), $"member {g}, layer {l}: weights");
                Assert.True(ensemble.Bias(l)[g].equal(layers[l].bias!).all().item<bool>(), $"member {g}, layer {l}: biases");
            }
        }
    }

    [Fact]
    public void Forward_GivesEachMembersOutput_ForASharedBatchAndForABatchPerMember()
    {
        using var scope = NewDisposeScope();
        using var ensemble = Ensemble(SigmaW2);
        var x = randn([5, Inputs], dtype: ScalarType.Float64, generator: new Generator(8));
        var perMember = stack(SigmaW2.Select((_, g) =>
        {
            using var factor = (g + 1).ToScalar();
            return x.mul(factor);
        }));
        var shared = ensemble.forward(x);
        var separate = ensemble.forward(perMember);
        Assert.Equal([SigmaW2.Length, 5L, Classes], shared.shape);
        for (int g = 0; g < SigmaW2.Length; g++)
        {
            using var alone = Alone(g);
            using var factor = (g + 1).ToScalar();
            // Float64 products of 16 terms per layer, summed in whatever order the batched kernel picks: 1e-12 is a thousand
            // times the rounding of such sums at these magnitudes.
            Assert.True(shared[g].allclose(alone.forward(x), rtol: 0, atol: 1e-12), $"member {g}, shared batch");
            Assert.True(separate[g].allclose(alone.forward(x.mul(factor)), rtol: 0, atol: 1e-12), $"member {g}, own batch");
        }
    }

    [Fact]
    public void MembersOfDifferentShapes_AreRefused()
    {
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        MlpSpec[] specs = [new(Activations.Tanh, 1, 0.05, 3, 16), new(Activations.Tanh, 1, 0.05, 4, 16)];
        var error = Assert.Throws<TheoryLabException>(() => new MlpEnsemble(specs, Inputs, Classes, [g1, g2]));
        Assert.Contains("share activation, depth and width", error.Message);
    }

    [Theory]
    [InlineData(ScalarType.Float64, 1e-12)]
    [InlineData(ScalarType.Float32, 1e-5)]
    public void Member_TrainedForKSteps_EqualsTheNetworkTrainedAloneByTheTrainer(ScalarType dtype, double tolerance)
    {
        // 30 SGD steps (five epochs of the 96 examples in batches of 16) of the ensemble on the sum of its members' mean losses,
        // against each member's network trained alone through the Trainer on its own mean loss, same init, same batches.
        // The two differ only in how libtorch orders the sums inside its kernels (batched against single products, a bias
        // gradient reduced over another axis): a few units of rounding per operation. Through 30 steps of η = 0.05 on
        // depth-3 width-16 networks such differences are carried forward, not amplified (each step changes the weights by
        // a few per cent), so they stay within a few hundred roundings of the weights' scale (≲ 1): float64 (2e-16)
        // agrees to 1e-12, float32 (6e-8) to 1e-5.
        using var scope = NewDisposeScope();
        var (inputs, labels) = Data();
        using var ensemble = Ensemble(SigmaW2);
        ensemble.to(dtype);
        var batches = new TensorBatches(inputs.to(dtype), labels, BatchSize, shuffle: true, seed: 7);
        const int steps = 30;
        var sgd = new SgdSettings(0.05);
        Trainer.Train(new Problem(ensemble, batches, Classification.EnsembleCrossEntropy), sgd, steps, []);
        double largest = 0;
        for (int g = 0; g < SigmaW2.Length; g++)
        {
            using var alone = Alone(g);
            alone.to(dtype);
            Trainer.Train(new Problem(alone, batches, Classification.CrossEntropy), sgd, steps, []);
            var layers = alone.Layers;
            for (int l = 0; l < layers.Count; l++)
            {
                largest = Math.Max(largest, ensemble.Weight(l)[g].sub(layers[l].weight!).abs().max().AsDouble());
                largest = Math.Max(largest, ensemble.Bias(l)[g].sub(layers[l].bias!).abs().max().AsDouble());
            }
            // The test means something only if training moved the weights far beyond the tolerance.
            using var untrained = Alone(g);
            Assert.True(layers[0].weight!.to(ScalarType.Float64).sub(untrained.Layers[0].weight!).abs().max().AsDouble() > 1000 * tolerance);
        }
        Assert.True(largest <= tolerance, $"{dtype}: largest difference of a parameter {largest:G3}");
    }

    [Fact]
    public void EvaluateEnsemble_GivesEveryMembersEvaluationAlone()
    {
        using var scope = NewDisposeScope();
        var (inputs, labels) = Data();
        using var ensemble = Ensemble(SigmaW2);
        var data = new TensorBatches(inputs, labels, 40, shuffle: false);
        var metrics = Classification.EvaluateEnsemble(ensemble, data);
        Assert.Equal(SigmaW2.Length, metrics.Length);
        for (int g = 0; g < SigmaW2.Length; g++)
        {
            using var alone = Alone(g);
            var expected = Classification.Evaluate(alone, data);
            Assert.Equal(expected.Accuracy, metrics[g].Accuracy);
            Assert.Equal(expected.Examples, metrics[g].Examples);
            // Float64 losses of about 1 summed over 96 examples in two orders: 1e-12 is far above their rounding.
            Assert.Equal(expected.Loss, metrics[g].Loss, 1e-12);
        }
    }

    private static MlpSpec Spec(double sigmaW2) => new(Activations.Tanh, sigmaW2, 0.05, depth: 3, width: 16);

    private static Generator GeneratorOf(int member) => new((ulong)(100 + member));

    /// <summary>The ensemble of one network per σ_w², member g drawn from <see cref="GeneratorOf"/>(g).</summary>
    private static MlpEnsemble Ensemble(double[] sigmaW2)
    {
        var generators = sigmaW2.Select((_, g) => GeneratorOf(g)).ToArray();
        try
        {
            return new MlpEnsemble([.. sigmaW2.Select(Spec)], Inputs, Classes, generators);
        }
        finally
        {
            foreach (var generator in generators) generator.Dispose();
        }
    }

    /// <summary>Member g of <see cref="Ensemble"/>, built alone.</summary>
    private static Mlp Alone(int member)
    {
        using var generator = GeneratorOf(member);
        return Spec(SigmaW2[member]).Build(Inputs, generator, Classes);
    }

    private static (Tensor Inputs, Tensor Labels) Data()
    {
        using var generator = new Generator(9);
        return (randn([Examples, Inputs], dtype: ScalarType.Float64, generator: generator), randint(0, Classes, [Examples], generator: generator));
    }
}
