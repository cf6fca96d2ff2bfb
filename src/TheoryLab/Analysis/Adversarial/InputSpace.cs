using TheoryLab.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Where an attack's inputs live: the bounds [Lower, Upper] of a valid input in pixel space, whether adversarial
/// inputs are clipped to them, and the normalisation x ↦ (x − Mean) / Std the model applies to its inputs before its
/// first layer. Attacks perturb and measure in pixel space and normalise only to call the model, so two libraries that
/// disagree on these three choices give different robust accuracies for the same ε; stating them settles which.
/// </summary>
public sealed record InputSpace
{
    /// <summary>Pixels in [0, 1], clipped, no normalisation: GSS's and Madry et al.'s MNIST setting.</summary>
    public static InputSpace UnitPixels { get; } = new();

    /// <summary>Unbounded inputs, no normalisation: the setting of closed forms on linear models.</summary>
    public static InputSpace Unbounded { get; } = new() { Lower = double.NegativeInfinity, Upper = double.PositiveInfinity, Clip = false };

    public double Lower { get; init; }
    public double Upper { get; init; } = 1;

    /// <summary>Clip every adversarial input to [Lower, Upper] (without it a perturbation may leave the valid range).</summary>
    public bool Clip { get; init; } = true;

    /// <summary>Subtracted from pixel-space inputs before the model.</summary>
    public double Mean { get; init; }

    /// <summary>Divides pixel-space inputs after the mean is subtracted, before the model.</summary>
    public double Std { get; init; } = 1;

    /// <summary>Throws a one-line message when the space cannot hold an input.</summary>
    public void Validate()
    {
        if (!(Lower < Upper)) throw new TheoryLabException($"input bounds [{Lower}, {Upper}] are empty; give a lower bound below the upper one.");
        if (!(Std > 0) || !double.IsFinite(Std) || !double.IsFinite(Mean))
            throw new TheoryLabException($"the normalisation (mean {Mean}, std {Std}) needs a finite mean and a positive finite std.");
    }

    /// <summary>The model's logits at pixel-space inputs: normalised first when the space says so.</summary>
    public Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor pixels)
    {
        if (Mean == 0 && Std == 1) return model.call(pixels);
        using Scalar mean = Mean.ToScalar(), std = Std.ToScalar();
        return model.call(pixels.sub(mean).div(std));
    }

    /// <summary>The inputs clipped to the bounds when the space clips (a new tensor either way).</summary>
    public Tensor Confine(Tensor pixels)
    {
        if (!Clip) return pixels.clone();
        using Scalar lower = Lower.ToScalar(), upper = Upper.ToScalar();
        return pixels.clamp(lower, upper);
    }

    /// <summary>The choices in words, for a finding's meaning: "pixels clipped to [0, 1], no normalisation".</summary>
    public string Describe() =>
        (Clip ? $"pixels clipped to [{NumberText.Short(Lower, 3)}, {NumberText.Short(Upper, 3)}]" : "no clipping") + ", " +
        (Mean == 0 && Std == 1 ? "no normalisation" : $"the model normalising (x − {NumberText.Short(Mean, 4)}) / {NumberText.Short(Std, 4)} with ε measured in pixels");
}
