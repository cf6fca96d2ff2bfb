using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The physics-informed loss of Krishnapriyan et al. (2021) for the reaction equation u_t = ρ u (1 − u) on a periodic
/// interval [0, L), rows (x, t) as in their code and in <see cref="ConvectionPinnLoss"/>: the means of
/// (u(x, 0) − u₀(x))² over the initial points, of (u(0, t) − u(L, t))² over the boundary times, and of
/// (u_t − ρ u (1 − u))² over the collocation points (u_t by autograd).
/// </summary>
public sealed class ReactionPinnLoss : PinnLoss
{
    private readonly Tensor _initialPoints, _initialValues, _lowerBoundary, _upperBoundary, _collocation;

    /// <param name="rate">ρ.</param>
    /// <param name="period">L (2π in the paper).</param>
    /// <param name="initialPositions">The x of the initial points; <paramref name="initialValues"/> holds u₀ at each.</param>
    /// <param name="boundaryTimes">The t at which u(0, t) and u(L, t) are compared.</param>
    /// <param name="collocation">Rows (x, t) where the residual is taken.</param>
    public ReactionPinnLoss(double rate, double period, double[] initialPositions, double[] initialValues, double[] boundaryTimes,
        double[,] collocation, PinnLossWeights weights, ScalarType dtype)
        : base(weights)
    {
        if (initialPositions.Length != initialValues.Length) throw new TheoryLabException("give one initial value per initial position.");
        Rate = rate;
        _initialPoints = stack([tensor(initialPositions, dtype: dtype), zeros(initialPositions.Length, dtype: dtype)], 1);
        _initialValues = tensor(initialValues, dtype: dtype);
        var times = tensor(boundaryTimes, dtype: dtype);
        _lowerBoundary = stack([zeros_like(times), times], 1);
        using var right = period.ToScalar();
        _upperBoundary = stack([full_like(times, right), times], 1);
        _collocation = tensor(collocation, dtype: dtype);
    }

    /// <summary>ρ.</summary>
    public double Rate { get; }

    /// <summary>u_t − ρ u (1 − u) at the collocation points, shape [n], in the graph.</summary>
    public Tensor Residual(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        var d = InputDerivatives.Take(model, _collocation, [], PinnDerivatives.Autograd);
        using Scalar rho = Rate.ToScalar(), one = 1.0.ToScalar();
        return (d.First[1] - d.U.mul(d.U.neg().Plus(one)).mul(rho)).MoveToOuterDisposeScope();
    }

    /// <summary>The terms: the means of (u(x, 0) − u₀)², of (u(0, t) − u(L, t))², and of (u_t − ρ u (1 − u))².</summary>
    protected override (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model)
    {
        var initial = (model.forward(_initialPoints)[.., 0] - _initialValues).Squared().mean();
        var boundary = (model.forward(_lowerBoundary) - model.forward(_upperBoundary)).Squared().mean();
        var residual = Residual(model).Squared().mean();
        return (initial, boundary, residual);
    }

    protected override Tensor Collocation => _collocation;

    public override void Dispose()
    {
        _initialPoints.Dispose();
        _initialValues.Dispose();
        _lowerBoundary.Dispose();
        _upperBoundary.Dispose();
        _collocation.Dispose();
    }
}
