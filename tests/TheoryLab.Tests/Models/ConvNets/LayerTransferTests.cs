using TheoryLab.Data;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ConvNets;

/// <summary>
/// Transfer of lower layers checked on the parameters and activations themselves: frozen copies keep the source's
/// values bit for bit through training while the layers above move, the copy's first layers compute the source's
/// activations exactly, copying no layer leaves a net identical to a fresh one of the same seed, and fine-tuned
/// copies move away from the source.
/// </summary>
public class LayerTransferTests
{
    private static readonly SequentialSpec Spec = Perceptron.Classifier("toy", [6], [7, 7, 7], 3, Activations.Relu);

    /// <summary>120 random 6-vectors labelled by which of three directions they lean to most, split 100 / 20.</summary>
    private static ClassificationSets ToySets()
    {
        var random = new Random(5);
        var inputs = new float[120 * 6];
        var labels = new int[120];
        for (int i = 0; i < 120; i++)
        {
            for (int d = 0; d < 6; d++) inputs[i * 6 + d] = (float)(random.NextDouble() * 2 - 1);
            labels[i] = Enumerable.Range(0, 3).MaxBy(c => inputs[i * 6 + 2 * c] + inputs[i * 6 + 2 * c + 1]);
        }
        var all = new LabeledData("toy", inputs, labels, [6], 3);
        return new ClassificationSets(all.SplitTrainTest(100, 0));
    }

    private static nn.Module<Tensor, Tensor> Build(ulong seed)
    {
        using var generator = new Generator(seed);
        return Spec.Build(generator);
    }

    private static void Train(nn.Module<Tensor, Tensor> model, ClassificationSets sets)
    {
        // Weight decay moves every parameter an optimiser is handed, even one without a gradient: a frozen layer keeps
        // its values only if it is kept from the optimiser.
        using var optimizer = new SgdSettings(0.1, 0.9, weightDecay: 0.01).CreateOptimizer();
        ClassificationRecipe.Train(model, sets, sets.TrainingBatches(20, 3), optimizer, 50, new SortedSet<long>());
    }

    private static float[][] Parameters(nn.Module model) => [.. model.parameters().Select(p => p.detach().clone().data<float>().ToArray())];

    /// <summary>Weight and bias of each weighted layer: parameters 2k and 2k + 1 of these bias-carrying layers.</summary>
    private static float[][] LayerParameters(float[][] parameters, int layer) => [parameters[2 * layer], parameters[2 * layer + 1]];

    [Fact]
    public void FrozenCopies_KeepTheSourceValuesBitForBitThroughTraining_WhileTheLayersAboveChange()
    {
        TorchRuntime.EnsureLoaded();
        var sets = ToySets();
        using var source = Build(1);
        Train(source, sets);
        using var copy = Build(2);
        var drawn = Parameters(copy);
        LayerTransfer.CopyFirst(source, copy, 2, freeze: true);
        Train(copy, sets);

        var sourceValues = Parameters(source);
        var trained = Parameters(copy);
        for (int layer = 0; layer < 2; layer++)
            Assert.Equal(LayerParameters(sourceValues, layer), LayerParameters(trained, layer));
        for (int layer = 2; layer < 4; layer++)
            Assert.NotEqual(LayerParameters(drawn, layer), LayerParameters(trained, layer));
        Assert.Equal(4, copy.parameters().Count(p => !p.requires_grad));
    }

    [Fact]
    public void TheCopysFirstLayers_ComputeTheSourcesActivationsExactly()
    {
        TorchRuntime.EnsureLoaded();
        var sets = ToySets();
        using var source = Build(1);
        Train(source, sets);
        using var copy = Build(2);
        LayerTransfer.CopyFirst(source, copy, 3, freeze: true);
        // Modules 0…5 of [fc, relu, fc, relu, fc, relu, fc] are the first three weighted layers with their ReLUs.
        using var noGrad = no_grad();
        Tensor Lower(nn.Module<Tensor, Tensor> network, int modules)
        {
            var x = sets.TestInputs;
            foreach (var module in network.children().Take(modules).Cast<nn.Module<Tensor, Tensor>>()) x = module.call(x);
            return x;
        }
        Assert.Equal(Lower(source, 6).data<float>().ToArray(), Lower(copy, 6).data<float>().ToArray());
        Assert.NotEqual(Lower(source, 7).data<float>().ToArray(), Lower(copy, 7).data<float>().ToArray());
    }

    [Fact]
    public void CopyingNoLayers_LeavesTheNetOfItsSeed_WhichTrainsToTheSameWeights()
    {
        TorchRuntime.EnsureLoaded();
        var sets = ToySets();
        using var source = Build(1);
        Train(source, sets);
        using var fresh = Build(2);
        using var copy = Build(2);
        LayerTransfer.CopyFirst(source, copy, 0, freeze: true);
        Assert.All(copy.parameters(), p => Assert.True(p.requires_grad));
        Train(fresh, sets);
        Train(copy, sets);
        Assert.Equal(Parameters(fresh), Parameters(copy));
    }

    [Fact]
    public void FineTunedCopies_StartAtTheSourceValues_AndTrainingMovesThem()
    {
        TorchRuntime.EnsureLoaded();
        var sets = ToySets();
        using var source = Build(1);
        Train(source, sets);
        using var copy = Build(2);
        LayerTransfer.CopyFirst(source, copy, 2, freeze: false);
        var sourceValues = Parameters(source);
        var copied = Parameters(copy);
        for (int layer = 0; layer < 2; layer++) Assert.Equal(LayerParameters(sourceValues, layer), LayerParameters(copied, layer));
        Assert.All(copy.parameters(), p => Assert.True(p.requires_grad));
        Train(copy, sets);
        var tuned = Parameters(copy);
        for (int layer = 0; layer < 2; layer++) Assert.NotEqual(LayerParameters(sourceValues, layer), LayerParameters(tuned, layer));
    }

    [Fact]
    public void NetworksOfDifferentArchitectures_AreRefused()
    {
        TorchRuntime.EnsureLoaded();
        using var source = Build(1);
        using var generator = new Generator(3);
        using var other = Perceptron.Classifier("other", [6], [7, 7], 3, Activations.Relu).Build(generator);
        Assert.Equal(4, LayerTransfer.WeightedLayerCount(source));
        Assert.Throws<ArgumentException>(() => LayerTransfer.CopyFirst(source, other, 1, freeze: true));
        using var wider = Perceptron.Classifier("wider", [6], [8, 7, 7], 3, Activations.Relu).Build(generator);
        Assert.Throws<ArgumentException>(() => LayerTransfer.CopyFirst(source, wider, 1, freeze: true));
    }
}
