using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The physics-informed loss for Poisson's equation −Δu = f in d dimensions with Dirichlet data u = g on the boundary:
/// the residual term is Σᵢ wᵢ (Δu + f)²(xᵢ), a quadrature rule's estimate of ∫ (Δu + f)² over the domain (equal
/// weights 1/N give the usual mean over N collocation points; Gauss weights give Gauss's estimate), and the boundary
/// term the mean of (u − g)² over the boundary points. A steady problem has no initial condition: its initial term is 0.
/// The network sees the points' coordinates as they are.
/// </summary>
public sealed class PoissonPinnLoss : PinnLoss
{
    private readonly Tensor _collocation, _collocationWeights, _source, _boundaryPoints, _boundaryValues;
    private readonly int[] _axes;

    /// <param name="collocation">Rows of the d coordinates where the residual is taken.</param>
    /// <param name="collocationWeights">The rule's weight of each collocation point.</param>
    /// <param name="source">f at each collocation point.</param>
    /// <param name="boundaryPoints">Rows of boundary points; <paramref name="boundaryValues"/> holds g at each.</param>
    public PoissonPinnLoss(double[,] collocation, double[] collocationWeights, double[] source, double[,] boundaryPoints, double[] boundaryValues,
        PinnLossWeights weights, ScalarType dtype, PinnDerivatives derivatives = PinnDerivatives.Propagated)
        : base(weights)
    {
        int count = collocation.GetLength(0);
        if (collocationWeights.Length != count || source.Length != count) throw new TheoryLabException("give one weight and one source value per collocation point.");
        if (boundaryPoints.GetLength(0) != boundaryValues.Length) throw new TheoryLabException("give one boundary value per boundary point.");
        if (boundaryPoints.GetLength(1) != collocation.GetLength(1)) throw new TheoryLabException("boundary and collocation points need the same number of coordinates.");
        Derivatives = derivatives;
        _axes = [.. Enumerable.Range(0, collocation.GetLength(1))];
        _collocation = tensor(collocation, dtype: dtype);
        _collocationWeights = tensor(collocationWeights, dtype: dtype);
        _source = tensor(source, dtype: dtype);
        _boundaryPoints = tensor(boundaryPoints, dtype: dtype);
        _boundaryValues = tensor(boundaryValues, dtype: dtype);
    }

    /// <summary>How the Laplacian's second derivatives are computed.</summary>
    public PinnDerivatives Derivatives { get; }

    /// <summary>Δu + f at the collocation points, shape [n], in the graph.</summary>
    public Tensor Residual(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        var d = InputDerivatives.Take(model, _collocation, _axes, Derivatives);
        var laplacian = d.Second.Skip(1).Aggregate(d.Second[0], (sum, next) => sum.Plus(next));
        return laplacian.Plus(_source).MoveToOuterDisposeScope();
    }

    /// <summary>The terms: 0 (no initial condition), the mean of (u − g)² over the boundary points, and Σᵢ wᵢ (Δu + f)²(xᵢ).</summary>
    protected override (Tensor Initial, Tensor Boundary, Tensor Residual) TermTensors(nn.Module<Tensor, Tensor> model)
    {
        var boundary = (model.forward(_boundaryPoints)[.., 0] - _boundaryValues).Squared().mean();
        var residual = Residual(model).Squared().mul(_collocationWeights).sum();
        return (zeros_like(residual), boundary, residual);
    }

    protected override Tensor Collocation => _collocation;

    public override void Dispose()
    {
        _collocation.Dispose();
        _collocationWeights.Dispose();
        _source.Dispose();
        _boundaryPoints.Dispose();
        _boundaryValues.Dispose();
    }
}
