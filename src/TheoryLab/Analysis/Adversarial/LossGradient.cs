using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// The gradient of the cross-entropy with respect to the pixel-space inputs, and the per-example losses, by
/// <c>autograd.grad</c> on the inputs alone: the parameters' gradients are left as they were, so an attack may run
/// inside a training loss (adversarial training) without disturbing the step it belongs to.
/// </summary>
public static class LossGradient
{
    /// <summary>∇ₓ J(x, y) per example (the summed loss, so no example's gradient depends on the batch size), and J per example.</summary>
    public static (Tensor Gradient, Tensor Loss) Of(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        var input = pixels.detach().requires_grad_(true);
        var losses = nn.functional.cross_entropy(space.Logits(model, input), labels, reduction: nn.Reduction.None);
        var gradient = autograd.grad([losses.sum()], [input])[0];
        return (gradient.detach().MoveToOuterDisposeScope(), losses.detach().MoveToOuterDisposeScope());
    }

    /// <summary>Per-example ℓ2 norms of a batch, shaped to broadcast against it ([N, 1, …, 1]).</summary>
    internal static Tensor Norms(Tensor batch)
    {
        long[] shape = [batch.shape[0], .. Enumerable.Repeat(1L, (int)batch.dim() - 1)];
        return batch.flatten(1).norm(1, keepdim: false, p: 2).reshape(shape);
    }

    /// <summary>The steepest-ascent direction of unit norm: sign(g) for ℓ∞, g / ‖g‖₂ for ℓ2 (zero where g is zero).</summary>
    internal static Tensor Direction(Tensor gradient, PerturbationNorm norm)
    {
        if (norm == PerturbationNorm.Linf) return gradient.sign();
        using var tiny = 1e-30.ToScalar();
        return gradient.div(Norms(gradient).clamp_min(tiny));
    }

    /// <summary>The perturbation δ projected onto the ε-ball of the norm.</summary>
    internal static Tensor Project(Tensor delta, PerturbationNorm norm, double epsilon)
    {
        using Scalar radius = epsilon.ToScalar(), minusRadius = (-epsilon).ToScalar();
        if (norm == PerturbationNorm.Linf) return delta.clamp(minusRadius, radius);
        using Scalar tiny = 1e-30.ToScalar(), one = 1.0.ToScalar();
        return delta.mul(Norms(delta).clamp_min(tiny).reciprocal().mul(radius).clamp_max(one));
    }
}
