using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Transformers;

/// <summary>
/// Multi-head causal self-attention (Vaswani et al. 2017) from matrix products: for each head h,
/// A = softmax(Q Kᵀ / √d_h + M) with M = −∞ above the diagonal, and the heads' A V concatenated and projected.
/// Rows are sequences: x is [batch, tokens, width].
/// </summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Parameter inputWeight, inputBias, outputWeight, outputBias;

    /// <param name="width">d, the residual stream's width; a multiple of <paramref name="heads"/>.</param>
    /// <param name="heads">H; each head works in d/H dimensions.</param>
    /// <param name="generator">Source of the weights, N(0, 0.02²) as in GPT-2; biases start at 0.</param>
    public CausalSelfAttention(int width, int heads, Generator generator, ScalarType dtype) : base(nameof(CausalSelfAttention))
    {
        if (width % heads != 0) throw new TheoryLabException($"the width {width} must be a multiple of the heads {heads}.");
        Heads = heads;
        HeadWidth = width / heads;
        inputWeight = new Parameter(Weights.Normal([width, 3 * width], generator, dtype));
        inputBias = new Parameter(zeros(3 * width, dtype: dtype));
        outputWeight = new Parameter(Weights.Normal([width, width], generator, dtype));
        outputBias = new Parameter(zeros(width, dtype: dtype));
        RegisterComponents();
    }

    public int Heads { get; }

    public int HeadWidth { get; }

    public override Tensor forward(Tensor x) => Attend(x, hideFirst: false).Output;

    /// <summary>
    /// The layer's output and its attention weights [batch, heads, tokens, tokens] (row: query, column: key).
    /// <paramref name="hideFirst"/> removes the first token from every later query's keys: the sink knocked out.
    /// </summary>
    public (Tensor Output, Tensor Weights) Attend(Tensor x, bool hideFirst)
    {
        long batch = x.shape[0], tokens = x.shape[1];
        var (q, k, v) = Project(x);
        using var temperature = Math.Sqrt(HeadWidth).ToScalar();
        var scores = q.matmul(k.transpose(-2, -1)) / temperature;
        var hidden = ones(tokens, tokens, dtype: ScalarType.Bool).triu(1);
        if (hideFirst && tokens > 1)
        {
            hidden = hidden.clone();
            hidden[1.., 0] = tensor(true);
        }
        using var minusInfinity = double.NegativeInfinity.ToScalar();
        var weights = scores.masked_fill(hidden, minusInfinity).softmax(-1);
        var mixed = weights.matmul(v).transpose(1, 2).reshape(batch, tokens, Heads * HeadWidth);
        return (mixed.matmul(outputWeight).Plus(outputBias), weights);
    }

    /// <summary>The values [batch, heads, tokens, head width] the heads mix: what attending to a token brings.</summary>
    public Tensor Values(Tensor x) => Project(x).V;

    /// <summary>Queries, keys and values, [batch, heads, tokens, head width] each.</summary>
    private (Tensor Q, Tensor K, Tensor V) Project(Tensor x)
    {
        long batch = x.shape[0], tokens = x.shape[1];
        var parts = x.matmul(inputWeight).Plus(inputBias).view(batch, tokens, 3, Heads, HeadWidth).permute(2, 0, 3, 1, 4);
        return (parts[0], parts[1], parts[2]);
    }
}
