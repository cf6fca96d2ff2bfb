using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// What every PINN loss here shares: three terms (initial, boundary, residual) with explicit weights, their weighted
/// sum to train on, and that sum as a training <see cref="Problem"/> over the collocation points. A problem says how
/// its terms are computed (<see cref="TermTensors"/>).
/// </summary>
public abstract class PinnLoss(PinnLossWeights weights) : IDisposable
{
    /// <summary>The weights of the three terms.</summary>
    public PinnLossWeights Weights { get; } = weights;

    /// <summary>Points in the order the network reads its two inputs, as an [n, 2] tensor of <paramref name="dtype"/>.</summary>
    protected static Tensor PointRows(IEnumerable<(double First, double Second)> points, ScalarType dtype)
    {
        var list = points.ToArray();
        var rows = new double[list.Length, 2];
        for (int p = 0; p < list.Length; p++) { rows[p, 0] = list[p].First; rows[p, 1] = list[p].Second; }
        return tensor(rows, dtype: dtype);
    }

    /// <summary>The collocation points, the one batch of <see cref="AsProblem"/>.</summary>
    protected abstract Tensor Collocation { get; }

    /// <summary>The three unweighted terms, in the graph.</summary>
    protected abstract (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model);

    /// <summary>
    /// The weighted loss at the current weights, a scalar in the graph (backward gives its gradient). Gradients are on
    /// even under a caller's no_grad, as a landscape probe's, since the residual needs the network's input derivatives.
    /// </summary>
    public Tensor Loss(nn.Module<Tensor, Tensor> model)
    {
        using var enabled = enable_grad();
        using var scope = NewDisposeScope();
        var (initial, boundary, residual) = TermTensors(model);
        using Scalar wi = Weights.Initial.ToScalar(), wb = Weights.Boundary.ToScalar(), wr = Weights.Residual.ToScalar();
        return initial.mul(wi).PlusInPlace(boundary.mul(wb)).PlusInPlace(residual.mul(wr)).MoveToOuterDisposeScope();
    }

    /// <summary>The three unweighted terms at the current weights (each loss's summary says what they are).</summary>
    public PinnLossTerms Terms(nn.Module<Tensor, Tensor> model)
    {
        using var enabled = enable_grad();
        using var scope = NewDisposeScope();
        var (initial, boundary, residual) = TermTensors(model);
        return new PinnLossTerms(initial.AsDouble(), boundary.AsDouble(), residual.AsDouble());
    }

    /// <summary>This loss as a <see cref="Problem"/>: one batch, the collocation points, whose loss ignores targets.</summary>
    public Problem AsProblem(nn.Module<Tensor, Tensor> model) =>
        new(model, new TensorBatches(Collocation, null, (int)Collocation.shape[0], shuffle: false), (m, _) => Loss(m));

    public abstract void Dispose();
}
