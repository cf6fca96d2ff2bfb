using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// ℓ2-regularised binary logistic regression as a finite sum, in float64: fᵢ(x) = log(1 + exp(−yᵢaᵢᵀx)) + (λ/2)‖x‖²
/// with yᵢ = ±1, F = (1/n) Σ fᵢ. The minimiser x* is found by damped Newton's method until the gradient norm stops
/// falling (machine precision); the constants are c = λ (every Hessian is at least λI), L = λ_max(AᵀA)/(4n) + λ
/// (the Hessian bound, since σ(1 − σ) ≤ ¼), L_max = maxᵢ ‖aᵢ‖²/4 + λ and M = E‖∇fᵢ(x*)‖².
/// </summary>
public sealed class LogisticSum : IStronglyConvexSum
{
    private const int MaxNewtonIterations = 100;

    private readonly Tensor _a;
    private readonly Tensor _y;

    /// <param name="features">A, n × d (append a column of ones for an intercept).</param>
    /// <param name="labels">yᵢ ∈ {−1, +1}, length n.</param>
    /// <param name="ridge">λ &gt; 0, which makes F strongly convex.</param>
    public LogisticSum(Tensor features, Tensor labels, double ridge)
    {
        if (!(ridge > 0)) throw new TheoryLabException($"ℓ2-regularised logistic regression needs a ridge λ > 0 to be strongly convex, not {ridge}.");
        using var scope = NewDisposeScope();
        _a = features.to_type(float64).detach().clone().DetachFromDisposeScope();
        _y = labels.to_type(float64).reshape(-1).detach().clone().DetachFromDisposeScope();
        using var one = 1.ToScalar();
        if (_y.abs().sub(one).abs().max().AsDouble() > 0) throw new ArgumentException("labels must be −1 or +1", nameof(labels));
        Ridge = ridge;
        Count = (int)_a.shape[0];
        using var count = Count.ToScalar();
        (Minimizer, NewtonIterations) = Newton();
        MinimumValue = Value(Minimizer);
        GradientNormAtMinimizer = FullGradient(Minimizer).norm().AsDouble();
        CurvatureAtMinimizer = linalg.eigvalsh(Hessian(Minimizer)).min().AsDouble();
        Smoothness = linalg.eigvalsh(_a.T.matmul(_a).div_(count)).max().AsDouble() / 4 + ridge;
        ComponentSmoothness = _a.Squared().sum(1).max().AsDouble() / 4 + ridge;
        GradientVarianceAtMinimizer = ComponentGradients(Minimizer).Squared().sum(1).mean().AsDouble();
    }

    public int Count { get; }
    public int Dimension => (int)_a.shape[1];
    public double Ridge { get; }
    public Tensor Minimizer { get; }
    public double MinimumValue { get; }

    /// <summary>‖∇F(x*)‖ at the Newton solution: how exactly x* (and so F*) is known.</summary>
    public double GradientNormAtMinimizer { get; }

    /// <summary>Newton iterations taken.</summary>
    public int NewtonIterations { get; }

    /// <summary>λ: the logistic terms' Hessians σ(1 − σ)aaᵀ can be arbitrarily flat far from the data's margins.</summary>
    public double StrongConvexity => Ridge;

    public double CurvatureAtMinimizer { get; }
    public double Smoothness { get; }
    public double ComponentSmoothness { get; }
    public double GradientVarianceAtMinimizer { get; }

    public double Value(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Margins(x).neg().Softplus().mean().AsDouble() + 0.5 * Ridge * x.Squared().sum().AsDouble();
    }

    /// <summary>
    /// F(x) − F* term by term: softplus(u) − softplus(v) = log1p(expm1(u − v) σ(v)) with v = −yᵢaᵢᵀx* and
    /// u − v = −yᵢaᵢᵀ(x − x*), and (λ/2)(‖x‖² − ‖x*‖²) = (λ/2)(x − x*)·(x + x*). Every piece that is small near x* is
    /// computed from e = x − x* (exact when x is near x*), so gaps far below F*'s rounding (10⁻¹⁶) keep their digits.
    /// </summary>
    public double Gap(Tensor x)
    {
        using var scope = NewDisposeScope();
        var e = x.sub(Minimizer);
        var atMinimizer = Margins(Minimizer).neg_();
        var difference = _y.mul(_a.matmul(e)).neg_();
        double logistic = difference.expm1_().mul_(atMinimizer.sigmoid_()).log1p_().mean().AsDouble();
        return logistic + 0.5 * Ridge * e.dot(x.Plus(Minimizer)).AsDouble();
    }

    public Tensor Gradient(Tensor x, IReadOnlyList<int> indices)
    {
        using var scope = NewDisposeScope();
        var picked = tensor(indices.Select(i => (long)i).ToArray());
        var rows = _a.index_select(0, picked);
        var y = _y.index_select(0, picked);
        // ∇ log(1 + e^{−y aᵀx}) = −y σ(−y aᵀx) a.
        var weights = y.mul(rows.matmul(x)).neg_().sigmoid_().mul_(y);
        using var minusCount = (-indices.Count).ToScalar();
        using var ridge = Ridge.ToScalar();
        return rows.T.matmul(weights).div_(minusCount).add_(x, alpha: ridge).MoveToOuterDisposeScope();
    }

    public Tensor FullGradient(Tensor x)
    {
        using var scope = NewDisposeScope();
        var weights = Margins(x).neg_().sigmoid_().mul_(_y);
        using var minusCount = (-Count).ToScalar();
        using var ridge = Ridge.ToScalar();
        return _a.T.matmul(weights).div_(minusCount).add_(x, alpha: ridge).MoveToOuterDisposeScope();
    }

    /// <summary>∇²F(x) = Aᵀ diag(σ(zᵢ)σ(−zᵢ)) A / n + λI with zᵢ = yᵢaᵢᵀx.</summary>
    public Tensor Hessian(Tensor x)
    {
        using var scope = NewDisposeScope();
        var z = Margins(x);
        var curvature = z.sigmoid().mul_(z.neg().sigmoid_());
        using var count = Count.ToScalar();
        using var ridge = Ridge.ToScalar();
        var hessian = _a.T.matmul(_a.mul(curvature.unsqueeze(1))).div_(count);
        return hessian.PlusInPlace(eye(Dimension, dtype: float64).mul_(ridge)).MoveToOuterDisposeScope();
    }

    /// <summary>zᵢ = yᵢaᵢᵀx.</summary>
    private Tensor Margins(Tensor x) => _y.mul(_a.matmul(x));

    /// <summary>The n single-sample gradients at x, one per row.</summary>
    private Tensor ComponentGradients(Tensor x)
    {
        var weights = Margins(x).neg_().sigmoid_().mul_(_y);
        using var ridge = Ridge.ToScalar();
        return _a.mul(weights.unsqueeze(1)).neg_().add_(x.unsqueeze(0), alpha: ridge);
    }

    /// <summary>
    /// Damped Newton from 0: a backtracking (Armijo) step while the Newton decrement is large, full steps once it is
    /// small, and a stop when ‖∇F‖ no longer halves (rounding has been reached); returns the iterate of least ‖∇F‖.
    /// </summary>
    private (Tensor Minimizer, int Iterations) Newton()
    {
        var x = zeros(Dimension, dtype: float64);
        var best = x.clone();
        double bestNorm = double.PositiveInfinity;
        int iteration = 0;
        for (; iteration < MaxNewtonIterations; iteration++)
        {
            using var step = NewDisposeScope();
            var gradient = FullGradient(x);
            double norm = gradient.norm().AsDouble();
            if (!(norm < bestNorm / 2) && bestNorm < 1e-8) break;
            if (norm < bestNorm)
            {
                bestNorm = norm;
                best.copy_(x);
            }
            if (norm == 0) break;
            var direction = cholesky_solve(gradient.unsqueeze(1), linalg.cholesky(Hessian(x))).squeeze(1);
            double decrement = gradient.dot(direction).AsDouble();
            double t = 1;
            if (decrement > 1e-6)
            {
                double value = Value(x);
                while (t > 1e-10 && Trial(x, direction, t) > value - 1e-4 * t * decrement) t /= 2;
            }
            using var negativeStep = (-t).ToScalar();
            x.add_(direction, alpha: negativeStep);
        }
        x.Dispose();
        return (best.DetachFromDisposeScope(), iteration);
    }

    /// <summary>F(x − t·direction), a backtracking trial.</summary>
    private double Trial(Tensor x, Tensor direction, double t)
    {
        using var negativeStep = (-t).ToScalar();
        return Value(x.add(direction, alpha: negativeStep));
    }

    public void Dispose()
    {
        _a.Dispose();
        _y.Dispose();
        Minimizer.Dispose();
    }
}
