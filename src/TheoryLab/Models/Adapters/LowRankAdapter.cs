using TheoryLab.Models.Initialisation;
using TheoryLab.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Models.Adapters;

/// <summary>
/// A LoRA adapter (Hu et al. 2022) on an affine layer: the layer's weight W and bias b are frozen and a trainable
/// low-rank update is added beside them, y = Wx + b + (α/r)·B(Ax) with A of r × in and B of out × r. B starts at zero,
/// so an adapted network computes exactly what the pre-trained one did until training moves B; and since the update
/// is linear, <see cref="Merge"/> folds it into one affine layer W + (α/r)BA that costs no more than the original.
/// </summary>
public sealed class LowRankAdapter : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Parameter down;
    private readonly Parameter up;

    /// <summary>
    /// An adapter of rank <paramref name="rank"/> on a copy of <paramref name="layer"/>'s weight and bias: A drawn as
    /// Hu et al.'s code draws it (Kaiming-uniform with a = √5, U(±1/√in)) from <paramref name="generator"/>, B zero.
    /// </summary>
    /// <param name="alpha">α: the update is scaled by α/r, so that with Adam a change of rank needs no new step size (Hu et al., §4.1).</param>
    public LowRankAdapter(Linear layer, int rank, double alpha, Generator generator) : base(nameof(LowRankAdapter))
    {
        if (rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), rank, "an adapter needs rank r ≥ 1");
        var w = layer.weight!;
        weight = new Parameter(w.detach().clone(), requires_grad: false);
        bias = layer.bias is { } b ? new Parameter(b.detach().clone(), requires_grad: false) : null;
        double bound = TorchDefaultInitialisation.WeightBound(w.shape[1]);
        using (no_grad())
            down = new Parameter(empty(rank, w.shape[1], dtype: w.dtype, device: w.device).uniform_(-bound, bound, generator), requires_grad: true);
        up = new Parameter(zeros(w.shape[0], rank, dtype: w.dtype, device: w.device), requires_grad: true);
        Scale = alpha / rank;
        RegisterComponents();
    }

    /// <summary>r, the rank of the update.</summary>
    public int Rank => (int)down.shape[0];

    /// <summary>α/r, the factor of B·A.</summary>
    public double Scale { get; }

    public int InFeatures => (int)weight.shape[1];

    public int OutFeatures => (int)weight.shape[0];

    /// <summary>Parameters training changes: r(in + out), against in·out + out for the layer itself.</summary>
    public long TrainableParameters => (long)Rank * (InFeatures + OutFeatures);

    /// <summary>Multiply–adds of one example through the adapted layer: in·out for W and r(in + out) for the detour through A and B.</summary>
    public long MultiplyAddsPerExample => (long)InFeatures * OutFeatures + TrainableParameters;

    /// <summary>The frozen weight W.</summary>
    public Tensor FrozenWeight => weight;

    /// <summary>A (r × in), the trainable down-projection.</summary>
    public Tensor Down => down;

    /// <summary>B (out × r), the trainable up-projection.</summary>
    public Tensor Up => up;

    /// <summary>The learned update ΔW = (α/r)·B·A, out × in, detached.</summary>
    public Tensor Update()
    {
        using var noGrad = no_grad();
        using var scale = Scale.ToScalar();
        return up.matmul(down).mul(scale);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var scale = Scale.ToScalar();
        var y = nn.functional.linear(x, weight, bias).Plus(nn.functional.linear(nn.functional.linear(x, down), up).mul(scale));
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>One plain affine layer computing the same map: weight W + (α/r)BA, the same bias, nothing trainable added.</summary>
    public Linear Merge()
    {
        var merged = nn.Linear(InFeatures, OutFeatures, hasBias: bias is not null, device: weight.device, dtype: weight.dtype);
        using var noGrad = no_grad();
        using var update = Update();
        merged.weight!.copy_(weight.Plus(update));
        if (bias is not null) merged.bias!.copy_(bias);
        return merged;
    }
}
