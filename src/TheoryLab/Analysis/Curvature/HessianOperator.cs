using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Curvature;

/// <summary>
/// The Hessian H = ∇²L(θ) of a <see cref="Problem"/>'s loss at the current parameters, with respect to a block of them
/// (all, a layer, a tensor: <see cref="ParameterVector"/>), as an operator v ↦ Hv by double back-propagation
/// (Pearlmutter 1994): the gradient g is computed once with its graph kept, and each product is one more backward
/// pass through that graph, of ⟨g, v⟩. L is the loss averaged over the given batches, each weighted by its size, so
/// over a whole data set it is the full-batch loss. Any model and loss closure work, targets or none; the model is
/// evaluated in the mode it is in (put batch-norm or dropout models in <c>eval()</c> for a deterministic Hessian).
/// The kept graph holds the activations of every batch, so memory grows with the data given: pass a subset (or one
/// batch) for large data. Products are in the parameters' dtype; float64 models give exact-to-rounding Hessians.
/// Moving the parameters invalidates the operator: make a new one.
/// </summary>
public sealed class HessianOperator : IDisposable
{
    private readonly Tensor[] _gradient;
    private readonly Tensor _anchor;

    /// <param name="problem">Model, data and loss; only the model and loss are used, with <paramref name="batches"/>.</param>
    /// <param name="batches">The data the loss is averaged over.</param>
    /// <param name="block">The parameters H is taken with respect to (default: all trainable ones).</param>
    public HessianOperator(Problem problem, IEnumerable<Batch> batches, ParameterVector? block = null)
    {
        Block = block ?? ParameterVector.Of(problem.Model);
        var parameters = Block.Parameters;
        using var scope = NewDisposeScope();
        using var enableGrad = enable_grad();
        var pieces = new List<(Tensor Loss, long Count)>();
        foreach (var batch in batches)
        {
            pieces.Add((problem.Loss(problem.Model, batch), batch.Inputs.shape[0]));
        }
        if (pieces.Count == 0) throw new TheoryLabException("the Hessian needs at least one batch of data.");
        long total = pieces.Sum(p => p.Count);
        // Sums by stack(…).sum() and weights as tensors: TorchSharp's a + b and a * w make a Scalar (alpha = 1, w) that the
        // garbage collector may free while libtorch still reads it, which fails ("toFloat") or silently uses another value.
        var weights = tensor(pieces.Select(p => (double)p.Count / total).ToArray(), dtype: pieces[0].Loss.dtype, device: pieces[0].Loss.device);
        var loss = stack([.. pieces.Select(p => p.Loss)]).mul(weights).sum();
        // 0·Σθ makes every parameter part of both graphs, so neither differentiation meets an unused input
        // (a parameter the loss, or the gradient, does not depend on gets an exact zero instead of an error).
        var parameterSum = stack([.. parameters.Select(p => p.sum())]).sum();
        _anchor = parameterSum.mul(zeros_like(parameterSum)).DetachFromDisposeScope();
        var gradients = autograd.grad([stack([loss, _anchor.to(loss.dtype)]).sum()], [.. parameters], retain_graph: true, create_graph: true);
        _gradient = [.. gradients.Select(g => g.DetachFromDisposeScope())];
        Loss = loss.AsDouble();
        Gradient = Block.Flatten(_gradient);
        Gradient.DetachFromDisposeScope();
    }

    /// <summary>An operator over every batch of one pass over the problem's data (epoch 0's order).</summary>
    public static HessianOperator OverData(Problem problem, ParameterVector? block = null) => new(problem, problem.Data.Epoch(0), block);

    /// <summary>The parameters H is taken with respect to.</summary>
    public ParameterVector Block { get; }

    /// <summary>n, the dimension of the block.</summary>
    public int Dimension => checked((int)Block.Length);

    /// <summary>L at the parameters the operator was built at.</summary>
    public double Loss { get; }

    /// <summary>∇L with respect to the block, flat and detached.</summary>
    public Tensor Gradient { get; }

    /// <summary>Hv for a flat <paramref name="v"/> of the block's length; a detached flat tensor.</summary>
    public Tensor Multiply(Tensor v)
    {
        using var scope = NewDisposeScope();
        using var enableGrad = enable_grad();
        return Product(Block.Split(v.to(_gradient[0].dtype).to(_gradient[0].device))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Hv for v given as one part per parameter: the backward pass through ∇L starts from v itself, which is what the
    /// gradient of ⟨∇L, v⟩ starts from too (bit for bit), without forming that sum's graph first.
    /// </summary>
    private Tensor Product(Tensor[] parts)
    {
        using var ones = ones_like(_anchor);
        var product = autograd.grad([.. _gradient, _anchor], [.. Block.Parameters], [.. parts, ones], retain_graph: true);
        return Block.Flatten([.. product]);
    }

    /// <summary>Hv for managed vectors, for the algorithms in <see cref="Numerics.Spectra"/>.</summary>
    public double[] Multiply(double[] v)
    {
        using var scope = NewDisposeScope();
        var input = tensor(v, dtype: float64);
        return Multiply(input).to(float64).data<double>().ToArray();
    }

    /// <summary>The dense, symmetric n × n Hessian (float64): column j is He_j, then (H + Hᵀ)/2 removes rounding asymmetry.</summary>
    public Tensor Exact(Action? afterEachColumn = null)
    {
        using var scope = NewDisposeScope();
        int n = Dimension;
        var columns = new Tensor[n];
        using var enableGrad = enable_grad();
        var unit = zeros(n, dtype: _gradient[0].dtype, device: _gradient[0].device);
        // Views of the unit vector, made once: setting its entries sets them.
        var unitParts = Block.Split(unit);
        for (int j = 0; j < n; j++)
        {
            using var columnScope = NewDisposeScope();
            unit[j] = 1;
            columns[j] = Product(unitParts).to(float64).MoveToOuterDisposeScope();
            unit[j] = 0;
            afterEachColumn?.Invoke();
        }
        var hessian = stack(columns, 1);
        using var half = 0.5.ToScalar();
        return hessian.Plus(hessian.T).mul_(half).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var g in _gradient) g.Dispose();
        _anchor.Dispose();
        Gradient.Dispose();
    }
}
