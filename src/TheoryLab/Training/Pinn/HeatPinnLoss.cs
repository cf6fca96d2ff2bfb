using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The physics-informed loss for the heat equation u_t = κ u_xx on rows (t, x), the network seeing them as they are:
/// the means of (u(0, x) − u₀(x))² over the initial points, of (u − g)² over the boundary points, and of
/// (u_t − κ u_xx)² over the collocation points.
/// </summary>
public sealed class HeatPinnLoss : PinnLoss
{
    private readonly Tensor _initialPoints, _initialValues, _boundaryPoints, _boundaryValues, _collocation;

    /// <param name="diffusivity">κ.</param>
    /// <param name="initialPositions">The x of the initial points, at t = 0; <paramref name="initialValues"/> holds u₀ at each.</param>
    /// <param name="boundaryPoints">Rows (t, x) on the boundary; <paramref name="boundaryValues"/> holds g at each.</param>
    /// <param name="collocation">Rows (t, x) where the residual is taken.</param>
    public HeatPinnLoss(double diffusivity, double[] initialPositions, double[] initialValues, double[,] boundaryPoints, double[] boundaryValues,
        double[,] collocation, PinnLossWeights weights, ScalarType dtype, PinnDerivatives derivatives = PinnDerivatives.Propagated)
        : base(weights)
    {
        if (initialPositions.Length != initialValues.Length) throw new TheoryLabException("give one initial value per initial position.");
        if (boundaryPoints.GetLength(0) != boundaryValues.Length) throw new TheoryLabException("give one boundary value per boundary point.");
        Diffusivity = diffusivity;
        Derivatives = derivatives;
        var initialRows = new double[initialPositions.Length, 2];
        for (int p = 0; p < initialPositions.Length; p++) initialRows[p, 1] = initialPositions[p];
        _initialPoints = tensor(initialRows, dtype: dtype);
        _initialValues = tensor(initialValues, dtype: dtype);
        _boundaryPoints = tensor(boundaryPoints, dtype: dtype);
        _boundaryValues = tensor(boundaryValues, dtype: dtype);
        _collocation = tensor(collocation, dtype: dtype);
    }

    /// <summary>κ.</summary>
    public double Diffusivity { get; }

    /// <summary>How u_t and u_xx are computed.</summary>
    public PinnDerivatives Derivatives { get; }

    /// <summary>u_t − κ u_xx at the collocation points, shape [n], in the graph.</summary>
    public Tensor Residual(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        var d = InputDerivatives.Take(model, _collocation, [1], Derivatives);
        using var kappa = Diffusivity.ToScalar();
        return (d.First[0] - d.Second[0].mul(kappa)).MoveToOuterDisposeScope();
    }

    /// <summary>The terms: the means of (u(0, x) − u₀)², of (u − g)² on the boundary, and of (u_t − κ u_xx)².</summary>
    protected override (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model)
    {
        var initial = (model.forward(_initialPoints)[.., 0] - _initialValues).Squared().mean();
        var boundary = (model.forward(_boundaryPoints)[.., 0] - _boundaryValues).Squared().mean();
        var residual = Residual(model).Squared().mean();
        return (initial, boundary, residual);
    }

    protected override Tensor Collocation => _collocation;

    public override void Dispose()
    {
        _initialPoints.Dispose();
        _initialValues.Dispose();
        _boundaryPoints.Dispose();
        _boundaryValues.Dispose();
        _collocation.Dispose();
    }
}
