using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The physics-informed loss of Krishnapriyan et al. (2021) for the convection equation u_t + β u_x = 0 on a periodic
/// interval [0, L): the mean squared misfit to the initial values, the mean squared difference u(0, t) − u(L, t) that
/// makes the solution periodic, and the mean squared residual at collocation points (first derivatives by autograd),
/// each with an explicit weight. The network sees (x, t/T), x first: on the paper's [0, 1] that is their code's raw
/// input. A window of time [t₀, t₀ + T] is the same problem in the local time t − t₀ (the equation does not depend on
/// t), so one loss serves the whole interval and each window of sequence-to-sequence training alike; dividing by the
/// window's T hands every window's network a unit time interval, on which the wave moves only βT.
/// </summary>
public sealed class ConvectionPinnLoss : PinnLoss
{
    private readonly Tensor _initialPoints, _initialValues, _lowerBoundary, _upperBoundary, _collocation;

    /// <param name="beta">β, the speed of the wave.</param>
    /// <param name="period">L, the length of the periodic interval (2π in the paper).</param>
    /// <param name="finalTime">T, the end of the (local) time interval [0, T].</param>
    /// <param name="initialPositions">The x of the initial points, at t = 0.</param>
    /// <param name="initialValues">u₀ at those positions.</param>
    /// <param name="boundaryTimes">The t at which u(0, t) and u(L, t) are compared.</param>
    /// <param name="collocation">Rows (x, t) where the residual is taken.</param>
    public ConvectionPinnLoss(double beta, double period, double finalTime, double[] initialPositions, double[] initialValues, double[] boundaryTimes,
        double[,] collocation, PinnLossWeights weights, ScalarType dtype)
        : base(weights)
    {
        if (initialPositions.Length != initialValues.Length) throw new TheoryLabException("give one initial value per initial position.");
        if (!(finalTime > 0)) throw new TheoryLabException("the time interval must have a positive length.");
        Beta = beta;
        FinalTime = finalTime;
        Period = period;
        _initialPoints = PointRows(initialPositions.Select(x => (x, 0.0)), dtype);
        _initialValues = tensor(initialValues, dtype: dtype).reshape(-1, 1);
        _lowerBoundary = PointRows(boundaryTimes.Select(t => (0.0, t)), dtype);
        _upperBoundary = PointRows(boundaryTimes.Select(t => (period, t)), dtype);
        _collocation = tensor(collocation, dtype: dtype);
    }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>L, the period in x.</summary>
    public double Period { get; }

    /// <summary>T, the length of the time interval: the network sees t/T.</summary>
    public double FinalTime { get; }

    /// <summary>The network's u at rows (x, t) of <paramref name="points"/>, shape [n, 1].</summary>
    public Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        using var scope = NewDisposeScope();
        using var scale = (1 / FinalTime).ToScalar();
        return model.forward(cat([points[.., 0..1], points[.., 1..2].mul(scale)], 1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// u, u_t and u_x at rows (x, t), each of shape [n], kept in the graph for training (u_t in t, not t/T). Gradients
    /// are switched on here because a landscape probe measures the loss under no_grad, and the residual needs them even there.
    /// </summary>
    public (Tensor U, Tensor Ut, Tensor Ux) Derivatives(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        using var enabled = enable_grad();
        using var scope = NewDisposeScope();
        var input = points.detach().requires_grad_(true);
        var u = Predict(model, input);
        var first = autograd.grad([u], [input], [ones_like(u)], retain_graph: true, create_graph: true)[0];
        return (u[.., 0].MoveToOuterDisposeScope(), first[.., 1].MoveToOuterDisposeScope(), first[.., 0].MoveToOuterDisposeScope());
    }

    /// <summary>u_t + β u_x at rows (x, t) of <paramref name="points"/>, shape [n].</summary>
    public Tensor Residual(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        using var enabled = enable_grad();
        using var scope = NewDisposeScope();
        var (_, ut, ux) = Derivatives(model, points);
        using var beta = Beta.ToScalar();
        return ut.add(ux, beta).MoveToOuterDisposeScope();
    }

    /// <summary>The terms: the means of (u(x, 0) − u₀(x))² over the initial points, of (u(0, t) − u(L, t))² over the boundary times, and of (u_t + β u_x)² over the collocation points.</summary>
    protected override (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model)
    {
        var initial = (Predict(model, _initialPoints) - _initialValues).Squared().mean();
        var boundary = (Predict(model, _lowerBoundary) - Predict(model, _upperBoundary)).Squared().mean();
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
