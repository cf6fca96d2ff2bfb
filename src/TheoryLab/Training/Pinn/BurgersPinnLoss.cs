using TheoryLab.Models.FullyConnected;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The physics-informed loss of Raissi et al. (2019) for viscous Burgers' equation u_t + u u_x = ν u_xx: a target-free
/// loss of a network u(t, x) made of the squared PDE residual at collocation points and the squared misfit at initial
/// and boundary points, each term with an
/// explicit weight. Initial and boundary sums share Raissi's normalisation by N_u, so weights (1, 1, 1) are his
/// MSE_u + MSE_f exactly. The network sees (2t/T − 1, x) and the residual's derivatives are propagated or taken by
/// autograd as <see cref="TimeSpaceDerivatives"/> says.
/// </summary>
public sealed class BurgersPinnLoss : PinnLoss
{
    private readonly Tensor _initialPoints, _initialValues, _boundaryPoints, _collocation;
    private readonly long _dataCount;

    /// <summary>Points are rows (t, x); the boundary values are 0.</summary>
    public BurgersPinnLoss(double[,] initialPoints, double[] initialValues, double[,] boundaryPoints, double[,] collocation,
        double viscosity, double finalTime, PinnLossWeights weights, ScalarType dtype, PinnDerivatives derivatives = PinnDerivatives.Propagated)
        : base(weights)
    {
        if (initialPoints.GetLength(0) != initialValues.Length) throw new TheoryLabException("give one initial value per initial point.");
        Viscosity = viscosity;
        FinalTime = finalTime;
        Derivatives = derivatives;
        _initialPoints = Points(initialPoints, dtype);
        _initialValues = tensor(initialValues, dtype: dtype).reshape(-1, 1);
        _boundaryPoints = Points(boundaryPoints, dtype);
        _collocation = Points(collocation, dtype);
        _dataCount = initialPoints.GetLength(0) + boundaryPoints.GetLength(0);
    }

    /// <summary>ν.</summary>
    public double Viscosity { get; }

    /// <summary>T, the end of the time interval.</summary>
    public double FinalTime { get; }

    /// <summary>How the residual's derivatives are computed.</summary>
    public PinnDerivatives Derivatives { get; }

    /// <summary>The network's u at rows (t, x) of <paramref name="points"/>, shape [n, 1].</summary>
    public Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor points) => TimeSpaceDerivatives.Predict(model, points, FinalTime);

    /// <summary>u_t + u u_x − ν u_xx at rows (t, x) of <paramref name="points"/>, shape [n], kept in the graph for training.</summary>
    public Tensor Residual(nn.Module<Tensor, Tensor> model, Tensor points)
    {
        using var scope = NewDisposeScope();
        var (u, ut, ux, uxx) = TimeSpaceDerivatives.Compute(model, points, FinalTime, Derivatives);
        using var nu = Viscosity.ToScalar();
        return (ut.Plus(u * ux) - uxx.mul(nu)).MoveToOuterDisposeScope();
    }

    /// <summary>The terms: Σ over the initial points of (u − u₀)² and Σ over the boundary points of u², each divided by all N_u data points, and the mean of (u_t + u u_x − ν u_xx)².</summary>
    protected override (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model)
    {
        using Scalar count = ((double)_dataCount).ToScalar();
        var initial = (Predict(model, _initialPoints) - _initialValues).Squared().sum().div(count);
        var boundary = Predict(model, _boundaryPoints).Squared().sum().div(count);
        var residual = Residual(model, _collocation).Squared().mean();
        return (initial, boundary, residual);
    }

    private static Tensor Points(double[,] rows, ScalarType dtype) => tensor(rows, dtype: dtype);

    protected override Tensor Collocation => _collocation;

    public override void Dispose()
    {
        _initialPoints.Dispose();
        _initialValues.Dispose();
        _boundaryPoints.Dispose();
        _collocation.Dispose();
    }
}

/// <summary>Weights of a PINN loss's initial, boundary and residual terms; Raissi et al. use 1 for each.</summary>
public sealed record PinnLossWeights(double Initial = 1, double Boundary = 1, double Residual = 1);

/// <summary>How a PINN loss takes the input derivatives of its network.</summary>
public enum PinnDerivatives
{
    /// <summary>Carried forward through a tanh <see cref="Mlp"/> with its values, then one reverse pass.</summary>
    Propagated,

    /// <summary>By autograd, each higher derivative through the graph of the one before (any network).</summary>
    Autograd,
}
