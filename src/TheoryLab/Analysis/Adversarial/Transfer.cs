using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// How often adversarial examples crafted on a source model fool a target (Liu, Chen, Liu &amp; Song 2017, non-targeted
/// transfer): of the examples the target classifies correctly when clean, the share it misclassifies at the source's
/// adversarial example. Counting only the target's correct examples keeps its clean errors out of the attack's
/// success; with the source as target it is the white-box success.
/// </summary>
public static class Transfer
{
    /// <summary>The target's correct clean examples and how many of them the adversarial examples fool.</summary>
    public static TransferSuccess Success(nn.Module<Tensor, Tensor> target, InputSpace space, Tensor clean, Tensor adversarial, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var correct = space.Logits(target, clean).argmax(1).eq(labels);
        var fooled = correct.logical_and(space.Logits(target, adversarial).argmax(1).ne(labels));
        return new TransferSuccess(correct.sum().AsInt64(), fooled.sum().AsInt64());
    }
}

/// <summary>Counts of one transfer: the target's correctly classified clean examples and those of them the adversarial examples fool.</summary>
public sealed record TransferSuccess(long Correct, long Fooled)
{
    /// <summary>Fooled / Correct; NaN when the target classifies none correctly.</summary>
    public double Rate => Correct == 0 ? double.NaN : (double)Fooled / Correct;

    /// <summary>The counts of two batches together.</summary>
    public static TransferSuccess operator +(TransferSuccess a, TransferSuccess b) => new(a.Correct + b.Correct, a.Fooled + b.Fooled);
}
