using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Projected gradient descent on the negative loss (Madry et al. 2018): from a start in the ε-ball, steps along the
/// sign (ℓ∞) or the normalised gradient (ℓ2), each followed by projection onto the ball and the input bounds. Each
/// example keeps the worst point visited over all steps and starts (a misclassified point before a correct one, then
/// the higher loss), so more steps or restarts never raise the accuracy left, and with no random start and a step of
/// ε the first step is FGSM's, so PGD leaves no more accuracy than FGSM.
/// </summary>
public static class Pgd
{
    /// <summary>Attacks from starts drawn by <paramref name="generator"/>: uniform in the ball when the threat asks for random starts, the clean input otherwise.</summary>
    public static Tensor Attack(nn.Module<Tensor, Tensor> model, ThreatModel threat, Tensor pixels, Tensor labels, Generator? generator = null)
    {
        threat.Validate();
        var starts = Enumerable.Range(0, threat.Restarts)
            .Select(_ => threat.RandomStart ? RandomStart(pixels, threat, generator) : zeros_like(pixels)).ToArray();
        try
        {
            return Attack(model, threat, pixels, labels, starts);
        }
        finally
        {
            foreach (var start in starts) start.Dispose();
        }
    }

    /// <summary>Attacks from the given initial perturbations, one per restart (each projected onto the ball and the bounds first).</summary>
    public static Tensor Attack(nn.Module<Tensor, Tensor> model, ThreatModel threat, Tensor pixels, Tensor labels, IReadOnlyList<Tensor> starts)
    {
        threat.Validate();
        if (starts.Count != threat.Restarts) throw new ArgumentException($"{starts.Count} starts for {threat.Restarts} restarts", nameof(starts));
        using var scope = NewDisposeScope();
        var space = threat.Space;
        var worst = pixels.detach().clone();
        var (worstWrong, worstLoss) = Judge(model, space, worst, labels);
        using var stepSize = threat.Step.ToScalar();
        foreach (var start in starts)
        {
            var point = Within(pixels, pixels.Plus(start), threat);
            for (int step = 0; step < threat.Steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var (gradient, _) = LossGradient.Of(model, space, point, labels);
                var next = Within(pixels, point.Plus(LossGradient.Direction(gradient, threat.Norm).mul(stepSize)), threat);
                var (wrong, loss) = Judge(model, space, next, labels);
                // Worse for the model: misclassified where the kept point is not, or equally (mis)classified with a higher loss.
                var replace = wrong.logical_and(worstWrong.logical_not()).logical_or(wrong.eq(worstWrong).logical_and(loss.gt(worstLoss)));
                Replace(ref worst, where(Broadcast(replace, next), next, worst));
                Replace(ref worstWrong, where(replace, wrong, worstWrong));
                Replace(ref worstLoss, where(replace, loss, worstLoss));
                Replace(ref point, next);
            }
            point.Dispose();
        }
        return worst.MoveToOuterDisposeScope();
    }

    /// <summary>A uniform draw from the ε-ball: each coordinate in [−ε, ε] for ℓ∞; for ℓ2 a Gaussian direction at radius ε·U^(1/n).</summary>
    public static Tensor RandomStart(Tensor pixels, ThreatModel threat, Generator? generator)
    {
        using var scope = NewDisposeScope();
        using Scalar epsilon = threat.Epsilon.ToScalar(), width = (2 * threat.Epsilon).ToScalar();
        if (threat.Norm == PerturbationNorm.Linf)
            return rand(pixels.shape, dtype: pixels.dtype, device: pixels.device, generator: generator).mul(width).sub(epsilon).MoveToOuterDisposeScope();
        var direction = randn(pixels.shape, dtype: pixels.dtype, device: pixels.device, generator: generator);
        long n = pixels[0].numel();
        long[] shape = [pixels.shape[0], .. Enumerable.Repeat(1L, (int)pixels.dim() - 1)];
        using Scalar inverseDimension = (1.0 / n).ToScalar(), tiny = 1e-30.ToScalar();
        var radius = rand(shape, dtype: pixels.dtype, device: pixels.device, generator: generator).pow(inverseDimension).mul(epsilon);
        return direction.div(LossGradient.Norms(direction).clamp_min(tiny)).mul(radius).MoveToOuterDisposeScope();
    }

    /// <summary>The point moved back into the ε-ball around the clean input, then into the input bounds.</summary>
    private static Tensor Within(Tensor pixels, Tensor point, ThreatModel threat) =>
        threat.Space.Confine(pixels.Plus(LossGradient.Project(point.sub(pixels), threat.Norm, threat.Epsilon)));

    /// <summary>Whether each example is misclassified at the point, and its loss there.</summary>
    private static (Tensor Wrong, Tensor Loss) Judge(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor point, Tensor labels)
    {
        using var noGrad = no_grad();
        var logits = space.Logits(model, point);
        return (logits.argmax(1).ne(labels), nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None));
    }

    /// <summary>Keeps <paramref name="next"/> beyond the step's scope in place of <paramref name="kept"/>, freed at once so that a long attack holds one of each.</summary>
    private static void Replace(ref Tensor kept, Tensor next)
    {
        var old = kept;
        kept = next.MoveToOuterDisposeScope();
        old.Dispose();
    }

    /// <summary>A per-example mask shaped to select whole examples of <paramref name="like"/>.</summary>
    private static Tensor Broadcast(Tensor mask, Tensor like)
    {
        long[] shape = [mask.shape[0], .. Enumerable.Repeat(1L, (int)like.dim() - 1)];
        return mask.reshape(shape);
    }
}
