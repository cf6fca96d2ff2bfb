using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The physics-informed loss for the Allen–Cahn equation u_t = D u_xx + a u − a u³ on the periodic interval [−1, 1]
/// (Raissi et al.'s benchmark: D = 10⁻⁴, a = 5, u(0, x) = x² cos(πx), t ∈ [0, 1]): the mean squared misfit to the
/// initial values; periodicity as the mean squared gaps u(t, −1) − u(t, 1) and u_x(t, −1) − u_x(t, 1), summed, since
/// a second-order equation needs both; and the mean squared residual at collocation points, each term with an
/// explicit weight. Points are rows (t, x), the network seeing (2t/T − 1, x) as <see cref="TimeSpaceDerivatives"/> says.
/// </summary>
public sealed class AllenCahnPinnLoss : PinnLoss
{
    private readonly Tensor _initialPoints, _initialValues, _lowerBoundary, _upperBoundary, _collocation;

    /// <param name="initialPositions">The x of the initial points, at t = 0.</param>
    /// <param name="initialValues">u₀ at those positions.</param>
    /// <param name="boundaryTimes">The t at which u and u_x at x = −1 and x = 1 are compared.</param>
    /// <param name="collocation">Rows (t, x) where the residual is taken.</param>
    public AllenCahnPinnLoss(double[] initialPositions, double[] initialValues, double[] boundaryTimes, double[,] collocation,
        double diffusion, double reaction, double finalTime, PinnLossWeights weights, ScalarType dtype, PinnDerivatives derivatives = PinnDerivatives.Propagated)
        : base(weights)
    {
        if (initialPositions.Length != initialValues.Length) throw new TheoryLabException("give one initial value per initial position.");
        if (!(finalTime > 0)) throw new TheoryLabException("the time interval must have a positive length.");
        Diffusion = diffusion;
        Reaction = reaction;
        FinalTime = finalTime;
        Derivatives = derivatives;
        _initialPoints = PointRows(initialPositions.Select(x => (0.0, x)), dtype);
        _initialValues = tensor(initialValues, dtype: dtype);
        _lowerBoundary = PointRows(boundaryTimes.Select(t => (t, -1.0)), dtype);
        _upperBoundary = PointRows(boundaryTimes.Select(t => (t, 1.0)), dtype);
        _collocation = tensor(collocation, dtype: dtype);
    }

    /// <summary>D.</summary>
    public double Diffusion { get; }

    /// <summary>a, the coefficient of u and of −u³.</summary>
    public double Reaction { get; }

    /// <summary>T, the end of the time interval.</summary>
    public double FinalTime { get; }

    /// <summary>How the derivatives are computed.</summary>
    public PinnDerivatives Derivatives { get; }

    /// <summary>The network's u at rows (t, x) of <paramref name="points"/>, shape [n, 1].</summary>
    public Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor points) => TimeSpaceDerivatives.Predict(model, points, FinalTime);

    /// <summary>u_t − D u_xx − a u + a u³ at rows (t, x) of <paramref name="points"/>, shape [n], kept in the graph.</summary>
    public Tensor Residual(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        using var scope = NewDisposeScope();
        var (u, ut, _, uxx) = TimeSpaceDerivatives.Compute(model, points, FinalTime, Derivatives);
        using Scalar d = Diffusion.ToScalar(), a = Reaction.ToScalar(), three = 3.ToScalar();
        return ut.sub(uxx.mul(d)).sub_(u.mul(a)).PlusInPlace(u.pow(three).mul(a)).MoveToOuterDisposeScope();
    }

    /// <summary>u(0, x) − u₀(x) at the given initial positions, shape [n] (a candidate's misfit when <paramref name="values"/> are its u₀).</summary>
    public Tensor InitialMisfit(nn.Module<Tensor, Tensor> model, Tensor positions, Tensor values)
    {
        using var scope = NewDisposeScope();
        var points = stack([zeros_like(positions), positions], 1);
        return Predict(model, points)[.., 0].sub(values).MoveToOuterDisposeScope();
    }

    /// <summary>The gaps u(t, −1) − u(t, 1) and u_x(t, −1) − u_x(t, 1) at the given times, each of shape [n].</summary>
    public (Tensor Value, Tensor Slope) PeriodicityGaps(nn.Module<Tensor, Tensor> model, Tensor times)
    {
        using var scope = NewDisposeScope();
        using var minusOne = (-1.0).ToScalar();
        var lower = stack([times, full_like(times, minusOne)], 1);
        var upper = stack([times, ones_like(times)], 1);
        var (value, slope) = Gaps(model, lower, upper);
        return (value.MoveToOuterDisposeScope(), slope.MoveToOuterDisposeScope());
    }

    private (Tensor Value, Tensor Slope) Gaps(nn.Module<Tensor, Tensor> model, Tensor lower, Tensor upper)
    {
        var (uLower, _, uxLower, _) = TimeSpaceDerivatives.Compute(model, lower, FinalTime, Derivatives);
        var (uUpper, _, uxUpper, _) = TimeSpaceDerivatives.Compute(model, upper, FinalTime, Derivatives);
        return (uLower - uUpper, uxLower - uxUpper);
    }

    /// <summary>The terms: the means of (u(0, x) − u₀(x))² over the initial points, of (u(t, −1) − u(t, 1))² plus (u_x(t, −1) − u_x(t, 1))² over the boundary times, and of the squared residual over the collocation points.</summary>
    protected override (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model)
    {
        var initial = (Predict(model, _initialPoints)[.., 0] - _initialValues).Squared().mean();
        var (value, slope) = Gaps(model, _lowerBoundary, _upperBoundary);
        var boundary = value.Squared().mean().PlusInPlace(slope.Squared().mean());
        var residual = Residual(model, _collocation).Squared().mean();
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
