using TheoryLab.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Transformers;

/// <summary>
/// A pre-LayerNorm transformer block (GPT-2's order): h ← h + Attention(LN(h)), then h ← h + MLP(LN(h)) with an
/// MLP of 4d GELU units.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm, mlpNorm;
    private readonly CausalSelfAttention attention;
    private readonly Parameter upWeight, upBias, downWeight, downBias;

    public TransformerBlock(int width, int heads, Generator generator, ScalarType dtype) : base(nameof(TransformerBlock))
    {
        attentionNorm = nn.LayerNorm(width, dtype: dtype);
        attention = new CausalSelfAttention(width, heads, generator, dtype);
        mlpNorm = nn.LayerNorm(width, dtype: dtype);
        upWeight = new Parameter(Weights.Normal([width, 4 * width], generator, dtype));
        upBias = new Parameter(zeros(4 * width, dtype: dtype));
        downWeight = new Parameter(Weights.Normal([4 * width, width], generator, dtype));
        downBias = new Parameter(zeros(width, dtype: dtype));
        RegisterComponents();
    }

    public CausalSelfAttention Attention => attention;

    public override Tensor forward(Tensor h) => Apply(h, hideFirst: false).Output;

    /// <summary>The block's output and its attention weights [batch, heads, tokens, tokens].</summary>
    public (Tensor Output, Tensor Weights) Apply(Tensor h, bool hideFirst)
    {
        var (mixed, weights) = attention.Attend(attentionNorm.forward(h), hideFirst);
        h = h.Plus(mixed);
        return (h.Plus(Mlp(mlpNorm.forward(h))), weights);
    }

    /// <summary>The attention's values [batch, heads, tokens, head width] for the residual stream h entering the block.</summary>
    public Tensor Values(Tensor h) => attention.Values(attentionNorm.forward(h));

    private Tensor Mlp(Tensor x) => nn.functional.gelu(x.matmul(upWeight).Plus(upBias)).matmul(downWeight).Plus(downBias);
}
