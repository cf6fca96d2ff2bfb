using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>What the universal-perturbation algorithm found: the perturbation v, the passes it made over the images and the fooling rate on them after each pass.</summary>
public sealed record UniversalPerturbationResult(Tensor Perturbation, int Passes, double[] FoolingRates) : IDisposable
{
    public void Dispose() => Perturbation.Dispose();
}

/// <summary>
/// Universal adversarial perturbations (Moosavi-Dezfooli, Fawzi, Fawzi &amp; Frossard 2017, Algorithm 1): one
/// perturbation v for every image. The images are visited in the order given; for each whose prediction under
/// x + v is still the clean one, DeepFool finds the minimal extra perturbation Δv that changes it, and v + Δv is
/// projected back onto the ℓp ball of radius ξ. Passes repeat until the fooling rate on the images (the share whose
/// prediction under x + v differs from the clean prediction; labels play no part) exceeds 1 − δ or the pass cap is
/// reached. Given the order the algorithm is deterministic. Perturbed inputs x + v are confined to the input space's
/// bounds when it clips (DeepFool's own iterates are not); v itself always lies in the ball.
/// </summary>
public static class UniversalPerturbation
{
    /// <param name="images">The images v is computed on, [n, …], visited in this order in every pass.</param>
    /// <param name="norm">The norm p of the ball (ℓ∞ or ℓ2).</param>
    /// <param name="radius">The radius ξ of the ball, in pixel units.</param>
    /// <param name="delta">The algorithm stops once the fooling rate on the images exceeds 1 − δ (0.2 in the paper).</param>
    /// <param name="maxPasses">Passes over the images at most.</param>
    /// <param name="overshoot">DeepFool's overshoot (0.02 in the paper).</param>
    /// <param name="maxIterations">DeepFool's iterations at most for each image.</param>
    /// <param name="onImage">Called after each image visited (for progress).</param>
    public static UniversalPerturbationResult Compute(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor images, PerturbationNorm norm, double radius,
        double delta = 0.2, int maxPasses = 10, double overshoot = 0.02, int maxIterations = 50, Action? onImage = null, CancellationToken cancellation = default)
    {
        space.Validate();
        if (!(radius >= 0) || !double.IsFinite(radius)) throw new TheoryLabException($"the radius ξ = {radius} of a universal perturbation must be finite and at least 0.");
        if (!(delta >= 0 && delta < 1)) throw new TheoryLabException($"δ = {delta} must lie in [0, 1): the algorithm stops once the fooling rate exceeds 1 − δ.");
        if (maxPasses < 1) throw new TheoryLabException($"the universal perturbation needs at least one pass, not {maxPasses}.");
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        var clean = Predictions(model, space, images);
        var v = zeros_like(images[0]).unsqueeze(0);
        var rates = new List<double>();
        // DeepFool's linearised step ignores the bounds; clipped inside it, its iterates stall on saturated pixels (black
        // background, white strokes) until the iteration cap. So it runs unclipped, as in the paper, and the bounds apply
        // where x + v is judged.
        var unclipped = space with { Clip = false };
        for (int pass = 0; pass < maxPasses; pass++)
        {
            for (long i = 0; i < n; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var imageScope = NewDisposeScope();
                var point = space.Confine(images.narrow(0, i, 1).Plus(v));
                if (Predictions(model, space, point).eq(clean[i]).item<bool>())
                {
                    using var found = DeepFool.Attack(model, unclipped, point, overshoot, maxIterations);
                    var moved = LossGradient.Project(v.Plus(found.Adversarial.sub(point)), norm, radius);
                    v.Dispose();
                    v = moved.MoveToOuterDisposeScope();
                }
                onImage?.Invoke();
            }
            rates.Add(FoolingRate(model, space, images, v));
            if (rates[^1] > 1 - delta) break;
        }
        return new UniversalPerturbationResult(v.squeeze(0).MoveToOuterDisposeScope(), rates.Count, [.. rates]);
    }

    /// <summary>The share of <paramref name="images"/> whose prediction under x + v (confined to the space) differs from the clean prediction.</summary>
    public static double FoolingRate(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor images, Tensor perturbation)
    {
        using var scope = NewDisposeScope();
        var perturbed = space.Confine(images.Plus(perturbation));
        return Predictions(model, space, perturbed).ne(Predictions(model, space, images)).to(ScalarType.Float64).mean().AsDouble();
    }

    private static Tensor Predictions(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels)
    {
        using var noGrad = no_grad();
        return space.Logits(model, pixels).argmax(1);
    }
}
