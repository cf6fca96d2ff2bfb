using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Pruning;

/// <summary>
/// N:M masks, neuron pruning and low-rank factorisation against independent computations: which weights an N:M mask
/// keeps against a plain sort of each group, the narrower network against the full network masked on its pruned units'
/// rows and columns (float64, to 1e-12), the factored layer against x·(U_k Σ_k V_kᵀ)ᵀ computed from torch's own SVD,
/// and parameter and multiply-add counts against counts by hand. That the truncation error is the tail of the singular
/// values (Eckart–Young) is TruncatedSvdTests' fact, not repeated here.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class StructuredPruningTests
{
    private static readonly SequentialSpec Spec = Perceptron.Classifier("small", [12], [10, 6], 4, Activations.Relu);

    /// <summary>Fan-ins 24, 12 and 12: groups of 2, 4 and 6 fit every layer.</summary>
    private static readonly SequentialSpec Grouped = Perceptron.Classifier("grouped", [24], [12, 12], 4, Activations.Relu);

    private static nn.Module<Tensor, Tensor> Network(ulong seed, ScalarType dtype = ScalarType.Float32, SequentialSpec? spec = null)
    {
        TorchRuntime.EnsureLoaded();
        using var generator = new Generator(seed);
        return (spec ?? Spec).Build(generator).to(dtype);
    }

    private static double MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().AsDouble();

    [Theory]
    [InlineData(2, 4)]
    [InlineData(1, 4)]
    [InlineData(1, 2)]
    [InlineData(3, 6)]
    public void NOfM_KeepsExactlyNOfEveryMConsecutiveInputs_TheLargestAsASortOfEachGroupSays(int n, int m)
    {
        using var network = Network(3, spec: Grouped);
        // Ties are possible only by accident in float draws; two are planted to check the earlier-position rule.
        using (no_grad()) PruningMask.Weights(network)[0][0, 0] = PruningMask.Weights(network)[0][0, 1].abs();
        var weights = PruningMask.Weights(network).Select(w => w.detach().clone()).ToArray();
        using var mask = NOfMPruning.Mask(network, n, m);
        for (int l = 0; l < mask.Layers; l++)
        {
            var w = weights[l].flatten().data<float>().ToArray();
            var keep = mask.Keep[l].flatten().data<float>().ToArray();
            for (int g = 0; g < w.Length / m; g++)
            {
                var group = Enumerable.Range(g * m, m).ToArray();
                var expected = group.OrderByDescending(i => Math.Abs(w[i])).ThenBy(i => i).Take(n).ToHashSet();
                Assert.All(group, i => Assert.Equal(expected.Contains(i) ? 1f : 0f, keep[i]));
            }
            Assert.Equal(w.Length / m * n, mask.Remaining[l]);
        }
        Assert.Equal((double)n / m, mask.Fraction, 12);
    }

    [Fact]
    public void NOfM_RefusesAGroupThatDoesNotDivideAFanIn()
    {
        using var network = Network(3, spec: Grouped);
        var error = Assert.Throws<TheoryLabException>(() => NOfMPruning.Mask(network, 2, 5));
        Assert.Contains("multiple of M = 5", error.Message);
    }

    [Fact]
    public void NeuronPruning_KeepsTheUnitsOfLargestIncomingNorm_AsASortOfTheRowNormsSays()
    {
        using var network = Network(4);
        int[] widths = [4, 3];
        var survivors = NeuronPruning.Survivors(Spec, network, widths);
        var weights = PruningMask.Weights(network);
        for (int l = 0; l < widths.Length; l++)
        {
            var rows = weights[l].detach().to(float64);
            var norms = Enumerable.Range(0, (int)rows.shape[0]).Select(i => Math.Sqrt(rows[i].Squared().sum().AsDouble())).ToArray();
            var expected = Enumerable.Range(0, norms.Length).OrderByDescending(i => norms[i]).ThenBy(i => i).Take(widths[l]).Order();
            Assert.Equal(expected, survivors[l]);
        }
    }

    [Fact]
    public void TheShrunkNetwork_ComputesWhatTheMaskedFullNetworkComputes_InFloat64()
    {
        using var network = Network(5, ScalarType.Float64);
        int[] widths = [4, 2];
        var survivors = NeuronPruning.Survivors(Spec, network, widths);
        using var shrunk = NeuronPruning.Shrink(Spec, network, widths);
        using var mask = NeuronPruning.Mask(network, survivors);
        using var x = randn(32, 12, float64, generator: new Generator(6));
        using var narrow = shrunk.Network.call(x);
        mask.Apply(network);
        using var masked = network.call(x);
        Assert.True(MaxDifference(narrow, masked) < 1e-12, $"narrow and masked outputs differ by {MaxDifference(narrow, masked):G3}");
        // The mask removes whole rows and columns: 4 of 10 and 2 of 6 units survive.
        Assert.Equal(new long[] { 4 * 12, 2 * 4, 4 * 2 }, mask.Remaining);
    }

    [Fact]
    public void TheShrunkNetwork_CountsItsParametersAndMultiplyAddsAsByHand()
    {
        using var network = Network(7);
        using var shrunk = NeuronPruning.Shrink(Spec, network, [4, 2]);
        // 12 → 4 → 2 → 4: weights 12·4 + 4·2 + 2·4 = 64, biases 4 + 2 + 4 = 10.
        Assert.Equal(64 + 10, shrunk.Spec.Parameters);
        Assert.Equal(64, shrunk.Spec.MultiplyAddsPerExample);
        Assert.Equal(64 + 10, shrunk.Network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void TheFactoredLayer_ComputesXTimesTheTruncatedWeight_AndTheOthersAreUnchanged()
    {
        using var network = Network(8, ScalarType.Float64);
        const int rank = 3;
        using var factored = LowRankFactorisation.Factor(Spec, network, [rank, 0, 0]);
        var weights = PruningMask.Weights(network);
        // W_k from torch's SVD directly: U_k diag(σ_k) V_kᵀ.
        var (u, s, vh) = linalg.svd(weights[0].detach(), fullMatrices: false);
        using var truncated = u[.., ..rank].matmul(diag(s[..rank])).matmul(vh[..rank]);
        var layers = network.children().ToArray();
        var bias = ((TorchSharp.Modules.Linear)layers[0]).bias!.detach();
        using var x = randn(16, 12, float64, generator: new Generator(9));
        using var first = x.matmul(truncated.t()) + bias;
        using var expected = ((nn.Module<Tensor, Tensor>)layers[4]).call(((nn.Module<Tensor, Tensor>)layers[3]).call(((nn.Module<Tensor, Tensor>)layers[2]).call(((nn.Module<Tensor, Tensor>)layers[1]).call(first))));
        using var output = factored.Network.call(x);
        Assert.True(MaxDifference(output, expected) < 1e-12, $"factored and truncated outputs differ by {MaxDifference(output, expected):G3}");
    }

    [Fact]
    public void TheFactoredNetwork_CountsItsParametersAndMultiplyAddsAsByHand()
    {
        using var network = Network(10);
        using var factored = LowRankFactorisation.Factor(Spec, network, [3, 2, 0]);
        // 12 → (3) → 10 → (2) → 6 → 4: weights 3·(12 + 10) + 2·(10 + 6) + 6·4 = 66 + 32 + 24 = 122, biases 10 + 6 + 4 = 20.
        Assert.Equal(122 + 20, factored.Spec.Parameters);
        Assert.Equal(122, factored.Spec.MultiplyAddsPerExample);
        Assert.Equal(122 + 20, factored.Network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Factorisation_RefusesARankAboveTheLayersFullRank()
    {
        using var network = Network(11);
        var error = Assert.Throws<TheoryLabException>(() => LowRankFactorisation.Factor(Spec, network, [0, 7, 0]));
        Assert.Contains("1 to 6", error.Message);
    }
}
