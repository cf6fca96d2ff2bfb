using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Engstrom et al.'s first-order spatial attack: projected gradient ascent of the cross-entropy on the three
/// parameters (θ, dx, dy) themselves, through the differentiable resampling of <see cref="SpatialTransform"/>. Each
/// step moves every parameter by <c>stepFraction</c> of its box half-width along the sign of its gradient and
/// projects back onto the box; each example keeps the worst point visited (the identity and the start included). The
/// loss is far from concave in (θ, dx, dy), so this finds fewer breaking transforms than the grid, the paper's point.
/// </summary>
public static class SpatialPgd
{
    /// <summary>From a uniform start in the box drawn by <paramref name="generator"/>, or from the identity when it is null.</summary>
    public static Tensor Attack(nn.Module<Tensor, Tensor> model, SpatialThreat threat, Tensor images, Tensor labels, int steps, double stepFraction, Generator? generator)
    {
        using var start = generator is null
            ? zeros([images.shape[0], 3], dtype: images.dtype, device: images.device)
            : threat.Uniform(images.shape[0], images.dtype, images.device, generator);
        return Attack(model, threat, images, labels, steps, stepFraction, start);
    }

    /// <summary>From the given start parameters [N, 3] (projected onto the box first); the worst parameters visited.</summary>
    public static Tensor Attack(nn.Module<Tensor, Tensor> model, SpatialThreat threat, Tensor images, Tensor labels, int steps, double stepFraction, Tensor start)
    {
        threat.Validate();
        if (steps < 0) throw new TheoryLabException($"a first-order attack takes at least zero steps, not {steps}.");
        if (!(stepFraction >= 0) || !double.IsFinite(stepFraction)) throw new TheoryLabException($"the step fraction {stepFraction} must be finite and at least 0.");
        using var scope = NewDisposeScope();
        using var fraction = stepFraction.ToScalar();
        var step = threat.HalfWidths(images.dtype, images.device).mul(fraction);
        using var worst = new WorstTransforms(model, threat.Space, images, labels);
        var point = threat.Clamp(start.to(images.dtype));
        worst.Offer(point);
        for (int s = 0; s < steps; s++)
        {
            using var stepScope = NewDisposeScope();
            var next = threat.Clamp(point.Plus(Gradient(model, threat.Space, images, labels, point).sign().mul(step)));
            worst.Offer(next);
            point.Dispose();
            point = next.MoveToOuterDisposeScope();
        }
        return worst.Parameters.clone().MoveToOuterDisposeScope();
    }

    /// <summary>∇ of the summed cross-entropy with respect to each example's parameters [N, 3]; no example's gradient depends on another's.</summary>
    public static Tensor Gradient(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor images, Tensor labels, Tensor parameters)
    {
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        var input = parameters.detach().requires_grad_(true);
        var loss = nn.functional.cross_entropy(space.Logits(model, SpatialTransform.Apply(images, input)), labels, reduction: nn.Reduction.Sum);
        return autograd.grad([loss], [input])[0].detach().MoveToOuterDisposeScope();
    }
}
