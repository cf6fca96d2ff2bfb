using TheoryLab.Models.Transformers;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Jailbreak;

/// <summary>GCG's search settings (Zou et al. 2023, Algorithm 1).</summary>
/// <param name="TopK">k: the tokens per suffix position with the most negative one-hot gradient that swaps are drawn from (the paper: 256).</param>
/// <param name="Candidates">B: single-token swaps evaluated exactly at each step (the paper: 512).</param>
/// <param name="Steps">T: iterations at most (the paper: 500).</param>
public sealed record GcgSettings(int TopK, int Candidates, int Steps);

/// <summary>A GCG search: the final suffix, the loss after every step (step 0 the initial suffix), and the first step whose suffix succeeded, if any.</summary>
public sealed record GcgResult(int[] Suffix, double[] Losses, int? SucceededAt);

/// <summary>
/// Greedy coordinate gradient (Zou, Wang, Carlini, Nasr, Kolter &amp; Fredrikson 2023): a search over the tokens of an
/// adversarial suffix for the one that minimises L(x) = −Σⱼ log p(targetⱼ | promptⱼ + suffix), one prompt for an
/// individual attack and several for a universal one. Each step linearises L in the suffix's one-hot tokens, keeps for
/// every position the k tokens whose one-hot gradient is most negative, draws B single-token swaps among them at
/// uniform positions and evaluates each exactly. One departure from Algorithm 1: the current suffix stays among the
/// candidates, so the loss never rises (the paper replaces it by the best swap even when that one is worse).
/// </summary>
public static class Gcg
{
    /// <summary>L of every suffix [B, L] (int64): the sum over the targets of −log p(target | before, suffix, after), exact, [B] in float64.</summary>
    public static Tensor Losses(TinyLanguageModel model, IReadOnlyList<SuffixTarget> targets, Tensor suffixes)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long batch = suffixes.shape[0];
        var total = zeros(batch, dtype: ScalarType.Float64);
        var embedded = model.TokenEmbeddings[suffixes];
        foreach (var target in targets)
        {
            var context = cat([Responses.Embed(model, target.Before).expand(batch, -1, -1), embedded, Responses.Embed(model, target.After).expand(batch, -1, -1)], 1);
            total -= Responses.LogProbability(model, context, target.Target).to(ScalarType.Float64);
        }
        return total.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ∇_{e_x} L: the gradient [L, vocabulary] of the loss with respect to the suffix's one-hot matrix, whose product with
    /// the embedding matrix W_E is the suffix's embeddings. Entry (i, v) is the first-order change of L when position i's
    /// one-hot weight on token v grows, the linear estimate GCG ranks swaps by.
    /// </summary>
    public static Tensor OneHotGradient(TinyLanguageModel model, IReadOnlyList<SuffixTarget> targets, int[] suffix)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();   // differentiable even when called under no_grad
        var weights = model.TokenEmbeddings;
        var indices = tensor(suffix.Select(t => (long)t).ToArray(), device: weights.device);
        var oneHot = nn.functional.one_hot(indices, model.Vocabulary).to(weights.dtype).requires_grad_(true);
        var embedded = oneHot.matmul(weights).unsqueeze(0);
        Tensor loss = zeros(1, dtype: weights.dtype, device: weights.device);
        foreach (var target in targets)
            loss = loss - Responses.LogProbability(model, cat([Responses.Embed(model, target.Before), embedded, Responses.Embed(model, target.After)], 1), target.Target);
        var gradient = autograd.grad([loss.sum()], [oneHot])[0];
        return gradient.detach().MoveToOuterDisposeScope();
    }

    /// <summary>For every position, the k allowed tokens [L, k] with the most negative one-hot gradient: the swaps that most lower the linearised loss.</summary>
    public static Tensor TopTokens(Tensor gradient, int k, int[] allowed)
    {
        using var scope = NewDisposeScope();
        using var infinity = double.PositiveInfinity.ToScalar();
        var mask = full(gradient.shape[1], infinity, dtype: gradient.dtype);
        mask[tensor(allowed.Select(t => (long)t).ToArray())] = tensor(0.0, dtype: gradient.dtype);
        return gradient.Plus(mask).topk(Math.Min(k, allowed.Length), dim: 1, largest: false).indexes.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs GCG from <paramref name="initial"/> for at most <paramref name="settings"/>.Steps steps, the suffix drawn from
    /// <paramref name="allowed"/> tokens, stopping at the first step whose suffix <paramref name="succeeded"/> accepts
    /// (checked on the initial suffix too). <paramref name="random"/> draws the swaps' positions and tokens.
    /// </summary>
    public static GcgResult Run(TinyLanguageModel model, IReadOnlyList<SuffixTarget> targets, int[] initial, int[] allowed, GcgSettings settings,
        Random random, Func<int[], bool> succeeded, CancellationToken cancellation = default)
    {
        if (initial.Length == 0) throw new TheoryLabException("GCG needs a suffix of at least one token.");
        var suffix = (int[])initial.Clone();
        double loss = Losses(model, targets, Suffixes([suffix])).AsDouble();
        var losses = new List<double> { loss };
        if (succeeded(suffix)) return new GcgResult(suffix, [.. losses], 0);
        for (int step = 1; step <= settings.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var top = TopTokens(OneHotGradient(model, targets, suffix), settings.TopK, allowed);
            int k = (int)top.shape[1];
            var choices = top.data<long>().ToArray();
            var candidates = new int[settings.Candidates][];
            for (int b = 0; b < candidates.Length; b++)
            {
                candidates[b] = (int[])suffix.Clone();
                int i = random.Next(suffix.Length);
                candidates[b][i] = (int)choices[i * k + random.Next(k)];
            }
            var candidateLosses = Losses(model, targets, Suffixes(candidates)).data<double>().ToArray();
            int best = Array.IndexOf(candidateLosses, candidateLosses.Min());
            if (candidateLosses[best] < loss)
                (suffix, loss) = (candidates[best], candidateLosses[best]);
            losses.Add(loss);
            if (succeeded(suffix)) return new GcgResult(suffix, [.. losses], step);
        }
        return new GcgResult(suffix, [.. losses], null);
    }

    private static Tensor Suffixes(int[][] suffixes) =>
        tensor(suffixes.SelectMany(s => s.Select(t => (long)t)).ToArray()).reshape(suffixes.Length, suffixes[0].Length);
}
