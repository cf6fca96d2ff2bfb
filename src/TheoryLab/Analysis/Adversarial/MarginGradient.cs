using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// The local ℓ∞ Lipschitz constant of a classifier's margin: at an input x of true class y, the margin
/// m(x) = z_y(x) − z_j(x) against the strongest other class j, and ‖∇ₓ m‖₁, the most an ℓ∞ perturbation of size ε can
/// move m to first order (ε‖∇ₓ m‖₁, reached by δ = −ε sign ∇ₓ m). On a linear classifier z = W x + b it is exactly
/// ‖w_y − w_j‖₁ (Goodfellow et al.'s ε‖w‖₁); behind a sparsifying front end with a fixed selection S it is
/// ‖P_S (w_y − w_j)‖₁ (Gopalakrishnan et al. 2018).
/// </summary>
public static class MarginGradient
{
    /// <summary>∇ₓ m per example, shaped like <paramref name="pixels"/>, the runner-up class j taken at x and held fixed.</summary>
    public static Tensor Of(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        var input = pixels.detach().requires_grad_(true);
        var logits = space.Logits(model, input);
        var truth = logits.gather(1, labels.unsqueeze(1)).squeeze(1);
        var isTrue = nn.functional.one_hot(labels, logits.shape[1]).to(ScalarType.Bool);
        using var minusInfinity = double.NegativeInfinity.ToScalar();
        var others = logits.detach().masked_fill(isTrue, minusInfinity);
        var runnerUp = logits.gather(1, others.argmax(1, keepdim: true)).squeeze(1);
        var gradient = autograd.grad([truth.sub(runnerUp).sum()], [input])[0];
        return gradient.detach().MoveToOuterDisposeScope();
    }

    /// <summary>‖∇ₓ m‖₁ per example: the margin's local ℓ∞ Lipschitz constant.</summary>
    public static Tensor L1Norms(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return Of(model, space, pixels, labels).flatten(1).abs().sum(1).MoveToOuterDisposeScope();
    }
}
