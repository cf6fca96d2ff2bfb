using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Jailbreak;

/// <summary>
/// The zeroth-order gradient estimate Gradient Cuff (Hu, Chen &amp; Ho 2024) computes from function values alone:
/// g = (1/P) Σₚ [(f(x + μuₚ) − f(x)) / μ] uₚ with P directions uₚ ~ N(0, I) of x's shape. Its mean is the gradient of
/// the Gaussian smoothing E f(x + μu), which tends to ∇f(x) as μ → 0 and equals it for a quadratic; its spread
/// shrinks as 1/√P.
/// </summary>
public static class ZerothOrderGradient
{
    /// <param name="f">Values [P] of a batch of points [P, …] (x's shape after the first axis).</param>
    /// <param name="x">The point, any shape.</param>
    /// <param name="mu">μ, the perturbation's scale.</param>
    /// <param name="directions">P.</param>
    public static Tensor Estimate(Func<Tensor, Tensor> f, Tensor x, double mu, int directions, Generator generator)
    {
        if (mu <= 0 || directions < 1) throw new TheoryLabException($"a zeroth-order estimate needs μ > 0 and P ≥ 1, not μ = {mu} and P = {directions}.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var u = randn([directions, .. x.shape], dtype: x.dtype, device: x.device, generator: generator);
        using var scale = mu.ToScalar();
        var values = f(cat([x.unsqueeze(0), x.unsqueeze(0).Plus(scale * u)], 0)).to(ScalarType.Float64);
        var slopes = (values[1..] - values[0]) / scale;
        var shape = new long[] { directions }.Concat(Enumerable.Repeat(1L, (int)x.dim())).ToArray();
        return (slopes.reshape(shape) * u.to(ScalarType.Float64)).mean([0]).MoveToOuterDisposeScope();
    }
}
