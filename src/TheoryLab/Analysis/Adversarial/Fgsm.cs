using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// The fast gradient sign method (Goodfellow, Shlens &amp; Szegedy 2015): x' = x + ε sign(∇ₓJ(x, y)), the
/// perturbation of ℓ∞ norm ε that raises a linearised loss the most; for ℓ2 its analogue x + ε ∇ₓJ / ‖∇ₓJ‖₂. On a
/// linear logit w·x + b it moves the logit by exactly ε‖w‖₁ (ℓ∞), which grows with the input dimension.
/// </summary>
public static class Fgsm
{
    /// <summary>Adversarial inputs for <paramref name="labels"/>, in pixel space, confined to the threat's input space.</summary>
    /// <remarks>The model is called as it is (its train or eval mode is the caller's); only the threat's norm, ε and space are used.</remarks>
    public static Tensor Attack(nn.Module<Tensor, Tensor> model, ThreatModel threat, Tensor pixels, Tensor labels)
    {
        threat.Validate();
        using var scope = NewDisposeScope();
        var (gradient, _) = LossGradient.Of(model, threat.Space, pixels, labels);
        using var epsilon = threat.Epsilon.ToScalar();
        var moved = pixels.Plus(LossGradient.Direction(gradient, threat.Norm).mul(epsilon));
        return threat.Space.Confine(moved).MoveToOuterDisposeScope();
    }
}
