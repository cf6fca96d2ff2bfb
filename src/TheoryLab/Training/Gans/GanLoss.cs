using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Training.Gans;

/// <summary>The generator's objective (Goodfellow et al. 2014, §3): the game's own term, or the one the paper trains with instead.</summary>
public enum GeneratorObjective
{
    /// <summary>Minimise −log D(G(z)): the same fixed point as the game, but a gradient that stays large while D rejects G's samples.</summary>
    NonSaturating,

    /// <summary>Minimise log(1 − D(G(z))), the minimax game's term, whose gradient vanishes as D(G(z)) → 0.</summary>
    Minimax,
}

/// <summary>
/// The losses of a GAN, written on the discriminator's logit ℓ (D = σ(ℓ)) so that none of them takes the log of a
/// rounded probability: −log σ(ℓ) = softplus(−ℓ) and log(1 − σ(ℓ)) = −softplus(ℓ).
/// </summary>
public static class GanLoss
{
    /// <summary>
    /// The discriminator's loss −V(D, G) = −E log D(x) − E log(1 − D(G(z))), the mean over each batch of logits; at the
    /// optimal D* = p_data/(p_data + p_g) its value is log 4 − 2 JS(p_data ‖ p_g) (Goodfellow et al., Theorem 1).
    /// </summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        (-realLogits).Softplus().mean().Plus(fakeLogits.Softplus().mean());

    /// <summary>The generator's loss on the logits D gives its samples: −log D(G(z)) or log(1 − D(G(z))), averaged.</summary>
    public static Tensor Generator(Tensor fakeLogits, GeneratorObjective objective) => objective switch
    {
        GeneratorObjective.NonSaturating => (-fakeLogits).Softplus().mean(),
        GeneratorObjective.Minimax => -fakeLogits.Softplus().mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, null),
    };

    /// <summary>
    /// The derivative of one sample's generator loss with respect to its logit, in closed form: −(1 − σ(ℓ)) for the
    /// non-saturating loss, which tends to −1 as D(G(z)) = σ(ℓ) → 0, and −σ(ℓ) for the minimax loss, which tends to 0.
    /// </summary>
    public static double LogitGradient(double logit, GeneratorObjective objective)
    {
        double d = 1 / (1 + Math.Exp(-logit));
        return objective == GeneratorObjective.NonSaturating ? -(1 - d) : -d;
    }
}
