using TheoryLab.Analysis;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// The dense Hessian of <see cref="HessianSpectrum"/>'s network in closed form. Double back-propagation needs one
/// backward pass per parameter (512 at n = 16), each a few dozen tiny operations; written out with matrix products
/// the same Hessian costs a handful of them, fifty times less on this machine, and agrees with it to rounding (tested).
/// </summary>
public sealed partial class HessianSpectrum
{
    /// <summary>
    /// ∇²ε at the model's current weights for ŷ = W₂ tanh(W₁x) and ε = (1/2mo) Σ‖ŷ − y‖² over <paramref name="batches"/>
    /// (the problems <see cref="NewProblem"/> makes), in <see cref="ParameterVector"/> order (W₁ then W₂, each
    /// row-major), float64. With <paramref name="gaussNewtonOnly"/> the residual terms are left out: H₀ = JᵀJ/(mo).
    /// </summary>
    public static Tensor ExactHessian(Problem problem, IReadOnlyList<Batch> batches, bool gaussNewtonOnly = false)
    {
        var weights = ParameterVector.Of(problem.Model).Parameters;
        // The formula is this network's alone: a model NewProblem no longer makes must not get a wrong Hessian quietly.
        if (weights.Count != 2 || weights[0].ndim != 2 || weights[1].ndim != 2 || weights[1].shape[1] != weights[0].shape[0])
            throw new InvalidOperationException("ExactHessian is written for y = W₂ tanh(W₁x) without biases; pass no exactHessian to CriticalPointSearch for another model.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var w1 = weights[0].to(float64);
        var w2 = weights[1].to(float64);
        var x = cat([.. batches.Select(b => b.Inputs)]).to(float64);
        var y = cat([.. batches.Select(b => b.Targets!)]).to(float64);
        long m = x.shape[0], hidden = w1.shape[0], inputs = w1.shape[1], outputs = w2.shape[0];
        using Scalar one = 1.0.ToScalar(), minusTwo = (-2.0).ToScalar();

        // z = tanh(W₁x), s = tanh′ = 1 − z², e = ŷ − y; p[μ, (h, i)] = s_h x_i is ∂z_h/∂W₁[h, i] per example.
        var z = x.matmul(w1.T).tanh();
        var s = z.Squared().neg_().PlusInPlace(one);
        var p = s.unsqueeze(2).mul(x.unsqueeze(1)).reshape(m, hidden * inputs);
        var identity = eye(hidden, dtype: float64);

        // W₁W₁: Σ_μ (W₂ᵀW₂)[h, h′] s_h s_h′ x_i x_i′, plus on h = h′ the residual's Σ_μ (eW₂)_h tanh″_h x_i x_i′.
        var w1w1 = p.T.matmul(p).view(hidden, inputs, hidden, inputs).mul(w2.T.matmul(w2).view(hidden, 1, hidden, 1));
        // W₂W₂: δ_oo′ Σ_μ z_h z_h′ (ŷ is linear in W₂).
        var w2w2 = kron(eye(outputs, dtype: float64), z.T.matmul(z));
        // W₂[o, h] against W₁[h′, i′]: Σ_μ z_h W₂[o, h′] s_h′ x_i′, plus on h = h′ the residual's Σ_μ e_o s_h x_i′.
        var w2w1 = z.T.matmul(p).view(1, hidden, hidden, inputs).mul(w2.view(outputs, 1, hidden, 1));
        if (!gaussNewtonOnly)
        {
            var e = z.matmul(w2.T).sub(y);
            var curvature = e.matmul(w2).mul(z).mul(s).mul(minusTwo);
            var residual11 = einsum("mh,mi,mj->hij", curvature, x, x);
            w1w1 = w1w1.Plus(identity.view(hidden, 1, hidden, 1).mul(residual11.view(hidden, inputs, 1, inputs)));
            var residual21 = e.T.matmul(p).view(outputs, hidden, inputs);
            w2w1 = w2w1.Plus(identity.view(1, hidden, hidden, 1).mul(residual21.view(outputs, hidden, 1, inputs)));
        }
        var first = w1w1.reshape(hidden * inputs, hidden * inputs);
        var cross = w2w1.reshape(outputs * hidden, hidden * inputs);
        var hessian = cat([cat([first, cross.T], 1), cat([cross, w2w2], 1)], 0);
        // (H + Hᵀ)/2 as HessianOperator.Exact does: the products above are symmetric only to rounding.
        using var half = (0.5 / (m * outputs)).ToScalar();
        return hessian.Plus(hessian.T).mul_(half).MoveToOuterDisposeScope();
    }
}
