using TorchSharp;
using TheoryLab.Analysis.Jailbreak;
using TheoryLab.Models.Transformers;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Jailbreak;

/// <summary>
/// GCG's pieces against independent computations: the one-hot gradient against the embedding gradient projected on
/// W_E and against central differences, the exact losses against a token-by-token product of next-token
/// probabilities, one GCG step with k = vocabulary against the exhaustive optimum of a 1-token suffix, and a loss that
/// never rises.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class GcgTests
{
    public GcgTests() => TorchRuntime.EnsureLoaded();

    private const int Vocabulary = 7;

    private static readonly SuffixTarget Target = new([0, 3, 5], [1], [4, 6, 2]);

    /// <summary>−log p(target | context) by feeding the tokens one prefix at a time and reading the last position's softmax: no shared code with <see cref="Responses"/>.</summary>
    private static double LossByPrefixes(TinyLanguageModel model, int[] context, int[] target)
    {
        using var noGrad = no_grad();
        var tokens = context.ToList();
        double loss = 0;
        foreach (int next in target)
        {
            var logits = model.forward(tensor(tokens.Select(t => (long)t).ToArray()).unsqueeze(0))[0, -1];
            loss -= Math.Log(logits.softmax(0)[next].AsDouble());
            tokens.Add(next);
        }
        return loss;
    }

    [Fact]
    public void Losses_AreTheProductsOfNextTokenProbabilities()
    {
        using var model = JailbreakModels.Sharp(1, Vocabulary);
        int[][] suffixes = [[2, 2], [5, 1], [6, 0], [3, 4]];
        var losses = Gcg.Losses(model, [Target], tensor(suffixes.SelectMany(s => s.Select(t => (long)t)).ToArray()).reshape(4, 2)).data<double>().ToArray();
        for (int i = 0; i < suffixes.Length; i++)
            Assert.Equal(LossByPrefixes(model, Target.Context(suffixes[i]), Target.Target), losses[i], 10);
        Assert.True(losses.Max() - losses.Min() > 0.1, "the suffix hardly moves the loss, so the check proves little");
    }

    [Fact]
    public void OneHotGradient_IsTheEmbeddingGradientTimesTheEmbeddingMatrix_AndMatchesCentralDifferences()
    {
        using var model = JailbreakModels.Sharp(2, Vocabulary);
        int[] suffix = [2, 5, 1];
        var gradient = Gcg.OneHotGradient(model, [Target], suffix);

        // Second computation: the gradient in the suffix's embeddings (leaves), then the chain rule through e = one-hot · W_E.
        var weights = model.TokenEmbeddings;
        var embedded = Responses.Embed(model, suffix).detach().requires_grad_(true);
        var loss = -Responses.LogProbability(model, cat([Responses.Embed(model, Target.Before), embedded, Responses.Embed(model, Target.After)], 1), Target.Target).sum();
        loss.backward();
        var chained = embedded.grad![0].matmul(weights.detach().T);
        Assert.True((gradient - chained).abs().max().AsDouble() < 1e-10, "the one-hot gradient is not ∂L/∂e · W_Eᵀ");

        // Third: central differences of the loss as position i's one-hot weight on token v moves by ±h, the others fixed.
        const double h = 1e-5;
        double Loss(int i, int v, double step)
        {
            using var noGrad = no_grad();
            var oneHot = nn.functional.one_hot(tensor(suffix.Select(t => (long)t).ToArray()), Vocabulary).to(ScalarType.Float64);
            using var shift = step.ToScalar();
            oneHot[i, v] += shift;
            var context = cat([Responses.Embed(model, Target.Before), oneHot.matmul(weights).unsqueeze(0), Responses.Embed(model, Target.After)], 1);
            return -Responses.LogProbability(model, context, Target.Target).AsDouble();
        }
        for (int i = 0; i < suffix.Length; i++)
            for (int v = 0; v < Vocabulary; v++)
            {
                double numeric = (Loss(i, v, h) - Loss(i, v, -h)) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[i, v].AsDouble()) < 1e-6 * Math.Max(1, Math.Abs(numeric)), $"({i}, {v}): {numeric} by differences, {gradient[i, v].AsDouble()} by autograd");
            }
    }

    [Fact]
    public void OneStep_WithKEqualToTheVocabulary_ReachesTheExhaustiveOptimumOfAOneTokenSuffix()
    {
        using var model = JailbreakModels.Sharp(3, Vocabulary);
        int[] allowed = [.. Enumerable.Range(0, Vocabulary)];
        var exhaustive = allowed.Select(v => LossByPrefixes(model, Target.Context([v]), Target.Target)).ToArray();
        double optimum = exhaustive.Min();
        int start = Array.IndexOf(exhaustive, exhaustive.Max());
        // B = 400 draws among 7 swaps miss one with probability below 7 · (6/7)⁴⁰⁰ ≈ 10⁻²⁶.
        var result = Gcg.Run(model, [Target], [start], allowed, new GcgSettings(TopK: Vocabulary, Candidates: 400, Steps: 1), new Random(5), _ => false);
        Assert.Equal(optimum, result.Losses[^1], 10);
        Assert.Equal(Array.IndexOf(exhaustive, optimum), result.Suffix[0]);
        Assert.True(exhaustive.Max() - optimum > 0.1, "every token gives nearly the same loss, so the check proves little");
    }

    [Fact]
    public void TheLoss_NeverRises_AndIsTheExactLossOfTheSuffixKept()
    {
        using var model = JailbreakModels.Sharp(4, Vocabulary);
        var result = Gcg.Run(model, [Target, new SuffixTarget([0, 6], [1], [3, 3])], [2, 2, 2, 2], [.. Enumerable.Range(2, 5)],
            new GcgSettings(TopK: 2, Candidates: 4, Steps: 25), new Random(6), _ => false);
        Assert.Equal(26, result.Losses.Length);
        for (int t = 1; t < result.Losses.Length; t++) Assert.True(result.Losses[t] <= result.Losses[t - 1], $"the loss rose at step {t}");
        Assert.True(result.Losses[^1] < result.Losses[0] - 0.1, "GCG did not lower the loss");
        double exact = LossByPrefixes(model, Target.Context(result.Suffix), Target.Target) + LossByPrefixes(model, [0, 6, .. result.Suffix, 1], [3, 3]);
        Assert.Equal(exact, result.Losses[^1], 10);
        Assert.All(result.Suffix, t => Assert.InRange(t, 2, 6));
    }

    [Fact]
    public void Run_StopsAtTheFirstSuccess()
    {
        using var model = JailbreakModels.Sharp(5, Vocabulary);
        int checks = 0;
        var result = Gcg.Run(model, [Target], [0, 0], [.. Enumerable.Range(0, Vocabulary)], new GcgSettings(3, 8, 50), new Random(7), _ => ++checks == 4);
        Assert.Equal(3, result.SucceededAt);
        Assert.Equal(4, result.Losses.Length);
    }

    [Fact]
    public void Greedy_IsTheArgmaxOfEachNextTokenDistribution()
    {
        using var model = JailbreakModels.Sharp(6, Vocabulary);
        int[] context = [0, 4, 2, 1];
        var decoded = Responses.Greedy(model, tensor(context.Select(t => (long)t).ToArray()).unsqueeze(0), 3)[0].data<long>().Select(t => (int)t).ToArray();
        var tokens = context.ToList();
        using var noGrad = no_grad();
        for (int i = 0; i < 3; i++)
            tokens.Add((int)model.forward(tensor(tokens.Select(t => (long)t).ToArray()).unsqueeze(0))[0, -1].argmax().AsInt64());
        Assert.Equal(tokens.Skip(context.Length), decoded);
        Assert.True(Responses.Gives(model, [context], decoded)[0]);
    }
}
