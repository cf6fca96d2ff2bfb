using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Transformers;

/// <summary>What one pass shows: logits, each layer's attention and the residual stream between the blocks.</summary>
/// <param name="Logits">[batch, tokens, vocabulary].</param>
/// <param name="Attention">Per block, [batch, heads, tokens, tokens].</param>
/// <param name="Residuals">The residual stream [batch, tokens, width] entering block 1 (the embeddings), then after each block.</param>
public sealed record LanguageModelTrace(Tensor Logits, IReadOnlyList<Tensor> Attention, IReadOnlyList<Tensor> Residuals);

/// <summary>
/// A small causal transformer language model in GPT-2's shape: token and learned absolute position embeddings,
/// pre-LayerNorm blocks, a final LayerNorm and an untied unembedding. Tokens are [batch, tokens] of int64.
/// </summary>
public sealed class TinyLanguageModel : nn.Module<Tensor, Tensor>
{
    private readonly Parameter tokenEmbedding, positionEmbedding, unembedding;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm finalNorm;

    /// <param name="vocabulary">Distinct tokens.</param>
    /// <param name="context">The longest sequence: positions 0 … context − 1 have embeddings.</param>
    /// <param name="width">d, the residual stream's width.</param>
    /// <param name="layers">Blocks.</param>
    /// <param name="heads">Attention heads per block.</param>
    /// <param name="generator">Source of every weight.</param>
    /// <param name="dtype">float32 to train, float64 for exact checks.</param>
    public TinyLanguageModel(int vocabulary, int context, int width, int layers, int heads, Generator generator, ScalarType dtype = ScalarType.Float32)
        : base(nameof(TinyLanguageModel))
    {
        Vocabulary = vocabulary;
        Context = context;
        Width = width;
        tokenEmbedding = new Parameter(Weights.Normal([vocabulary, width], generator, dtype));
        positionEmbedding = new Parameter(Weights.Normal([context, width], generator, dtype));
        blocks = nn.ModuleList([.. Enumerable.Range(0, layers).Select(_ => new TransformerBlock(width, heads, generator, dtype))]);
        finalNorm = nn.LayerNorm(width, dtype: dtype);
        unembedding = new Parameter(Weights.Normal([width, vocabulary], generator, dtype));
        RegisterComponents();
    }

    public int Vocabulary { get; }

    public int Context { get; }

    public int Width { get; }

    public int Layers => blocks.Count;

    public int Heads => blocks[0].Attention.Heads;

    /// <summary>Block l, 0-based.</summary>
    public TransformerBlock Block(int layer) => blocks[layer];

    /// <summary>The logits [batch, tokens, vocabulary] of the next token at every position.</summary>
    public override Tensor forward(Tensor tokens) => Trace(tokens).Logits;

    /// <summary>
    /// A pass that keeps its attention weights and residual streams. The tokens sit at positions
    /// <paramref name="firstPosition"/> … firstPosition + tokens − 1 (a window whose first slots were emptied starts
    /// past 0); <paramref name="hideFirst"/> removes the first token from the keys of every later query in every layer.
    /// </summary>
    public LanguageModelTrace Trace(Tensor tokens, int firstPosition = 0, bool hideFirst = false) =>
        TraceEmbedded(tokenEmbedding[tokens], firstPosition, hideFirst);

    /// <summary>
    /// The token embedding matrix W_E [vocabulary, width]: token v enters as row v, the product of its one-hot row with
    /// W_E, which is how gradient attacks on tokens (Zou et al. 2023) differentiate with respect to the choice of token.
    /// </summary>
    public Tensor TokenEmbeddings => tokenEmbedding;

    /// <summary>
    /// <see cref="Trace"/> from token embeddings [batch, tokens, width] instead of tokens: rows of
    /// <see cref="TokenEmbeddings"/>, or any other vectors (a one-hot matrix times W_E, a perturbed embedding).
    /// </summary>
    public LanguageModelTrace TraceEmbedded(Tensor embeddings, int firstPosition = 0, bool hideFirst = false)
    {
        int n = (int)embeddings.shape[1];
        if (firstPosition < 0 || firstPosition + n > Context)
            throw new TheoryLabException($"{n} tokens from position {firstPosition} do not fit the model's context of {Context}.");
        var h = embeddings.Plus(positionEmbedding[firstPosition..(firstPosition + n)]);
        var residuals = new List<Tensor> { h };
        var attention = new List<Tensor>();
        foreach (var block in blocks)
        {
            (h, var weights) = block.Apply(h, hideFirst);
            residuals.Add(h);
            attention.Add(weights);
        }
        return new LanguageModelTrace(finalNorm.forward(h).matmul(unembedding), attention, residuals);
    }

    /// <summary>The mean cross-entropy of predicting tokens[:, t + 1] from tokens[:, ..t] over every t.</summary>
    public Tensor NextTokenLoss(Tensor tokens)
    {
        var logits = forward(tokens[.., ..^1]);
        return nn.functional.cross_entropy(logits.reshape(-1, Vocabulary), tokens[.., 1..].reshape(-1));
    }
}
