using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// Ridge least squares as a finite sum: fᵢ(x) = ½(aᵢᵀx − bᵢ)² + (λ/2)‖x‖², F = (1/n) Σ fᵢ, in float64. Its Hessian
/// H = AᵀA/n + λI is constant, so the minimiser x* = H⁻¹Aᵀb/n (by Cholesky), F*, μ = λ_min(H) and L = λ_max(H) are exact.
/// </summary>
public sealed class LeastSquaresSum : IStronglyConvexSum
{
    private readonly Tensor _a;
    private readonly Tensor _b;
    private readonly Tensor _hessian;

    /// <param name="features">A, n × d.</param>
    /// <param name="targets">b, length n.</param>
    /// <param name="ridge">λ ≥ 0; with λ = 0, A must have full column rank.</param>
    public LeastSquaresSum(Tensor features, Tensor targets, double ridge)
    {
        using var scope = NewDisposeScope();
        _a = features.to_type(float64).detach().clone().DetachFromDisposeScope();
        _b = targets.to_type(float64).reshape(-1).detach().clone().DetachFromDisposeScope();
        Ridge = ridge;
        Count = (int)_a.shape[0];
        using var count = Count.ToScalar();
        using var lambda = ridge.ToScalar();
        var hessian = _a.T.matmul(_a).div_(count).PlusInPlace(eye(_a.shape[1], dtype: float64).mul_(lambda));
        _hessian = hessian.DetachFromDisposeScope();
        var factor = linalg.cholesky(hessian);
        Minimizer = cholesky_solve(_a.T.matmul(_b).div_(count).unsqueeze(1), factor).squeeze(1).DetachFromDisposeScope();
        MinimumValue = Value(Minimizer);
        var eigenvalues = linalg.eigvalsh(hessian);
        StrongConvexity = eigenvalues.min().AsDouble();
        Smoothness = eigenvalues.max().AsDouble();
        ComponentSmoothness = _a.Squared().sum(1).max().AsDouble() + ridge;
        // Variance of one component's gradient at x*, where their mean vanishes: the noise SGD keeps at the optimum.
        var residual = _a.matmul(Minimizer).sub_(_b);
        GradientVarianceAtMinimizer = _a.mul(residual.unsqueeze(1)).PlusInPlace(Minimizer.mul(lambda)).Squared().sum(1).mean().AsDouble();
    }

    public int Count { get; }
    public int Dimension => (int)_a.shape[1];
    public double Ridge { get; }

    /// <summary>x*, the exact minimiser.</summary>
    public Tensor Minimizer { get; }

    /// <summary>F* = F(x*).</summary>
    public double MinimumValue { get; }

    /// <summary>μ, the smallest eigenvalue of the Hessian.</summary>
    public double StrongConvexity { get; }

    /// <summary>The same μ: the Hessian is constant.</summary>
    public double CurvatureAtMinimizer => StrongConvexity;

    /// <summary>L, the largest eigenvalue of the Hessian.</summary>
    public double Smoothness { get; }

    /// <summary>max over i of the smoothness ‖aᵢ‖² + λ of one component: what bounds single-sample steps.</summary>
    public double ComponentSmoothness { get; }

    /// <summary>E‖∇fᵢ(x*)‖² over i uniform: the M of Bottou, Curtis and Nocedal's noise floor for single samples.</summary>
    public double GradientVarianceAtMinimizer { get; }

    /// <summary>F(x).</summary>
    public double Value(Tensor x)
    {
        using var scope = NewDisposeScope();
        return 0.5 * _a.matmul(x).sub_(_b).Squared().mean().AsDouble() + 0.5 * Ridge * x.Squared().sum().AsDouble();
    }

    /// <summary>
    /// F(x) − F* as ½(x − x*)ᵀH(x − x*), exact for a quadratic and free of the cancellation in F(x) − F*,
    /// so gaps far below F*'s rounding error stay meaningful.
    /// </summary>
    public double Gap(Tensor x)
    {
        using var scope = NewDisposeScope();
        var e = x - Minimizer;
        return 0.5 * e.dot(_hessian.matmul(e)).AsDouble();
    }

    public Tensor Gradient(Tensor x, IReadOnlyList<int> indices)
    {
        using var scope = NewDisposeScope();
        var rows = _a.index_select(0, tensor(indices.Select(i => (long)i).ToArray()));
        var targets = _b.index_select(0, tensor(indices.Select(i => (long)i).ToArray()));
        using var count = indices.Count.ToScalar();
        using var ridge = Ridge.ToScalar();
        return rows.T.matmul(rows.matmul(x).sub_(targets)).div_(count).add_(x, alpha: ridge).MoveToOuterDisposeScope();
    }

    public Tensor FullGradient(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var count = Count.ToScalar();
        using var ridge = Ridge.ToScalar();
        return _a.T.matmul(_a.matmul(x).sub_(_b)).div_(count).add_(x, alpha: ridge).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _hessian.Dispose();
        Minimizer.Dispose();
    }
}
