using TheoryLab.Models.Transformers;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Jailbreak;

/// <summary>What a causal language model says after a context: the exact probability of a given response, and its greedy continuation.</summary>
public static class Responses
{
    /// <summary>
    /// log p(response | context) of every row, exactly: the context's embeddings [batch, n, width] are followed by those
    /// of the response's tokens but its last, and the log-probabilities the model gives each response token at the
    /// position before it are summed, log p(r₁ … r_m | x) = Σᵢ log p(rᵢ | x, r₁ … rᵢ₋₁). Differentiable in the embeddings.
    /// </summary>
    public static Tensor LogProbability(TinyLanguageModel model, Tensor contextEmbeddings, int[] response)
    {
        long batch = contextEmbeddings.shape[0], n = contextEmbeddings.shape[1];
        var tokens = tensor(response.Select(t => (long)t).ToArray(), device: contextEmbeddings.device);
        var given = model.TokenEmbeddings[tokens[..^1]].unsqueeze(0).expand(batch, -1, -1);
        var logits = model.TraceEmbedded(cat([contextEmbeddings, given], 1)).Logits[.., (int)(n - 1)..];
        return logits.log_softmax(-1).gather(-1, tokens.expand(batch, -1).unsqueeze(-1)).squeeze(-1).sum(-1);
    }

    /// <summary>The embeddings [1, n, width] of a token sequence.</summary>
    public static Tensor Embed(TinyLanguageModel model, IEnumerable<int> tokens) =>
        model.TokenEmbeddings[tensor(tokens.Select(t => (long)t).ToArray(), device: model.TokenEmbeddings.device)].unsqueeze(0);

    /// <summary>The <paramref name="length"/> tokens [batch, length] greedy decoding appends to contexts [batch, n] of equal length: the most likely token, one at a time.</summary>
    public static Tensor Greedy(TinyLanguageModel model, Tensor contexts, int length)
    {
        using var noGrad = no_grad();
        var sequence = contexts;
        for (int i = 0; i < length; i++)
            sequence = cat([sequence, model.forward(sequence)[.., -1].argmax(-1, keepdim: true)], 1);
        return sequence[.., (int)contexts.shape[1]..];
    }

    /// <summary>Whether greedy decoding after each context of equal length gives exactly <paramref name="response"/>.</summary>
    public static bool[] Gives(TinyLanguageModel model, int[][] contexts, int[] response) =>
        [.. Decode(model, contexts, response.Length).Select(r => r.SequenceEqual(response))];

    /// <summary>The <paramref name="length"/> tokens greedy decoding appends to each context of equal length, for comparing one decoding with several responses.</summary>
    public static int[][] Decode(TinyLanguageModel model, int[][] contexts, int length)
    {
        using var scope = NewDisposeScope();
        var tokens = tensor(contexts.SelectMany(c => c.Select(t => (long)t)).ToArray()).reshape(contexts.Length, contexts[0].Length);
        return [.. Greedy(model, tokens, length).to(ScalarType.Int32).data<int>().ToArray().Chunk(length)];
    }
}
