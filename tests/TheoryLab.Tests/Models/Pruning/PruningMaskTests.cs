using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Pruning;

/// <summary>
/// Masks, magnitude and random pruning, rewinding and masked training against independent computations: which weights
/// magnitude pruning removes is checked against a plain sort of the weights' magnitudes, counts against the rounding
/// rule, a pruned weight against exact zero after every Adam step, and rewinding against the weights bit for bit.
/// </summary>
public class PruningMaskTests
{
    private static readonly SequentialSpec Spec = Perceptron.Classifier("small", [12], [10, 6], 4, Activations.Relu);

    private static nn.Module<Tensor, Tensor> Network(ulong seed)
    {
        TorchRuntime.EnsureLoaded();
        using var generator = new Generator(seed);
        return Spec.Build(generator);
    }

    private static float[] Values(Tensor t) => t.detach().flatten().data<float>().ToArray();

    /// <summary>The positions of the <paramref name="count"/> smallest magnitudes among the kept positions, ties to the earlier position.</summary>
    private static HashSet<int> SmallestKept(float[] weights, float[] keep, long count) =>
        [.. Enumerable.Range(0, weights.Length).Where(i => keep[i] == 1).OrderBy(i => Math.Abs(weights[i])).ThenBy(i => i).Take((int)count)];

    [Fact]
    public void Layerwise_RemovesEachLayersSmallestSurvivors_AsASortOfTheirMagnitudesSays_OverTwoRounds()
    {
        using var network = Network(1);
        double[] rates = [0.5, 0.3, 0.25];
        using var full = PruningMask.Full(network);
        using var first = MagnitudePruning.Layerwise(full, network, rates);
        // The second round ranks other weights, as after retraining, and must leave the first round's removals removed.
        using var other = Network(2);
        using var second = MagnitudePruning.Layerwise(first, other, rates);
        var weights = PruningMask.Weights(network).Select(Values).ToArray();
        var otherWeights = PruningMask.Weights(other).Select(Values).ToArray();
        for (int l = 0; l < 3; l++)
        {
            int size = weights[l].Length;
            long removeFirst = (long)Math.Round(rates[l] * size);
            var removed = SmallestKept(weights[l], Enumerable.Repeat(1f, size).ToArray(), removeFirst);
            var firstKeep = Values(first.Keep[l]);
            Assert.Equal(Enumerable.Range(0, size).Select(i => removed.Contains(i) ? 0f : 1f), firstKeep);
            Assert.Equal(size - removeFirst, first.Remaining[l]);

            long removeSecond = (long)Math.Round(rates[l] * first.Remaining[l]);
            var removedSecond = SmallestKept(otherWeights[l], firstKeep, removeSecond);
            Assert.Equal(Enumerable.Range(0, size).Select(i => firstKeep[i] == 1 && !removedSecond.Contains(i) ? 1f : 0f), Values(second.Keep[l]));
        }
        Assert.Equal((double)second.TotalRemaining / second.TotalSize, second.Fraction, 15);
    }

    [Fact]
    public void Global_RemovesTheSmallestSurvivorsOfAllLayersRankedTogether()
    {
        using var network = Network(3);
        using var full = PruningMask.Full(network);
        using var pruned = MagnitudePruning.Global(full, network, 0.6);
        var weights = PruningMask.Weights(network).Select(Values).ToArray();
        var all = weights.SelectMany((w, l) => w.Select((v, i) => (Magnitude: Math.Abs(v), Layer: l, Index: i))).ToList();
        int remove = (int)Math.Round(0.6 * all.Count);
        var removed = all.OrderBy(e => e.Magnitude).ThenBy(e => e.Layer).ThenBy(e => e.Index).Take(remove).Select(e => (e.Layer, e.Index)).ToHashSet();
        for (int l = 0; l < weights.Length; l++)
            Assert.Equal(Enumerable.Range(0, weights[l].Length).Select(i => removed.Contains((l, i)) ? 0f : 1f), Values(pruned.Keep[l]));
        // Ranked together, the layers lose different fractions: the smallest-magnitude layer (the widest, 12 inputs) the most.
        Assert.NotEqual(pruned.Remaining[0] * weights[1].Length, pruned.Remaining[1] * weights[0].Length);
    }

    [Fact]
    public void RandomPruning_KeepsEachLayersCount_AtPositionsThatDependOnTheGenerator()
    {
        using var network = Network(4);
        using var full = PruningMask.Full(network);
        using var magnitude = MagnitudePruning.Layerwise(full, network, [0.8, 0.5, 0.1]);
        using var a = RandomPruning.SameCounts(magnitude, new Generator(5));
        using var b = RandomPruning.SameCounts(magnitude, new Generator(6));
        using var again = RandomPruning.SameCounts(magnitude, new Generator(5));
        Assert.Equal(magnitude.Remaining, a.Remaining);
        Assert.Equal(magnitude.Remaining, b.Remaining);
        for (int l = 0; l < a.Layers; l++)
        {
            Assert.All(Values(a.Keep[l]), v => Assert.True(v is 0 or 1));
            Assert.Equal(Values(a.Keep[l]), Values(again.Keep[l]));
        }
        Assert.False(Values(a.Keep[0]).SequenceEqual(Values(b.Keep[0])));
        Assert.False(Values(a.Keep[0]).SequenceEqual(Values(magnitude.Keep[0])));
    }

    [Fact]
    public void MaskedAdam_KeepsEveryPrunedWeightExactlyZero_AfterEveryStep_WhileTheSurvivorsTrain()
    {
        using var network = Network(7);
        using var full = PruningMask.Full(network);
        using var mask = MagnitudePruning.Layerwise(full, network, [0.7, 0.7, 0.5]);
        var before = PruningMask.Weights(network).Select(Values).ToArray();
        mask.Apply(network);
        var generator = new Generator(8);
        var inputs = randn([64, 12], generator: generator);
        var labels = randint(0, 4, [64], generator: generator);
        var batches = new TensorBatches(inputs, labels, 16, shuffle: true, seed: 9);
        int checkedSteps = 0;
        TrainingCallback check = _ =>
        {
            var weights = PruningMask.Weights(network);
            for (int l = 0; l < mask.Layers; l++)
            {
                var w = Values(weights[l]);
                var keep = Values(mask.Keep[l]);
                Assert.All(Enumerable.Range(0, w.Length).Where(i => keep[i] == 0), i => Assert.Equal(0f, w[i]));
            }
            checkedSteps++;
        };
        using var optimizer = new MaskedOptimizer(new Adam(1e-2), mask, network);
        Trainer.Train(new Problem(network, batches, Classification.CrossEntropy), optimizer, 40, [check]);
        Assert.Equal(41, checkedSteps);
        for (int l = 0; l < mask.Layers; l++)
        {
            var keep = Values(mask.Keep[l]);
            var after = Values(PruningMask.Weights(network)[l]);
            // A survivor whose unit the ReLUs silence on every example gets no gradient and rightly stays put; most move.
            var kept = Enumerable.Range(0, after.Length).Where(i => keep[i] == 1).ToArray();
            Assert.True(kept.Count(i => before[l][i] != after[i]) > kept.Length / 2, $"layer {l}: fewer than half the surviving weights trained");
        }
    }

    [Fact]
    public void WeightSnapshot_RewindsWeightsAndBiases_BitForBit_AfterTraining()
    {
        using var network = Network(10);
        var initial = network.parameters().Select(Values).ToArray();
        using var snapshot = WeightSnapshot.Take(network);
        var generator = new Generator(11);
        var batches = new TensorBatches(randn([32, 12], generator: generator), randint(0, 4, [32], generator: generator), 8, shuffle: false);
        Trainer.Train(new Problem(network, batches, Classification.CrossEntropy), new SgdSettings(0.5, 0.9), 10, []);
        Assert.False(network.parameters().First().eq(tensor(initial[0]).reshape(network.parameters().First().shape)).all().item<bool>());
        snapshot.Restore(network);
        Assert.Equal(initial, network.parameters().Select(Values).ToArray());
    }

    [Fact]
    public void SparseMultiplyAdds_OfAPerceptron_CountOneMultiplyAddPerNonzeroWeight()
    {
        using var network = Network(12);
        using var full = PruningMask.Full(network);
        using var mask = MagnitudePruning.Layerwise(full, network, [0.4, 0.6, 0.2]);
        mask.Apply(network);
        long[] dense = [.. Spec.Layers.Select((layer, k) => (layer, k)).Where(p => p.layer is Dense).Select(p => Spec.Costs[p.k].MultiplyAdds)];
        long nonzero = PruningMask.Weights(network).Sum(w => w.count_nonzero().AsInt64());
        Assert.Equal(Spec.MultiplyAddsPerExample, full.SparseMultiplyAdds(dense));
        Assert.Equal(nonzero, mask.SparseMultiplyAdds(dense));
    }

    [Fact]
    public void SparseMultiplyAdds_OfAConvolution_CountEachKeptWeightOncePerOutputPosition()
    {
        TorchRuntime.EnsureLoaded();
        var spec = new SequentialSpec("conv", [1, 8, 8], [new Convolution(3, 3), new ActivationLayer(Activations.Relu), new Dense(2)]);
        using var generator = new Generator(13);
        using var network = spec.Build(generator);
        using var full = PruningMask.Full(network);
        using var mask = MagnitudePruning.Layerwise(full, network, [0.5, 0.25]);
        long[] dense = [spec.Costs[0].MultiplyAdds, spec.Costs[2].MultiplyAdds];
        int positions = spec.Costs[0].OutputShape[1] * spec.Costs[0].OutputShape[2];
        Assert.Equal(mask.Remaining[0] * positions + mask.Remaining[1], mask.SparseMultiplyAdds(dense));
    }
}
