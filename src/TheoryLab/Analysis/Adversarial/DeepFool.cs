using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>What DeepFool found: the adversarial inputs and, per example, the iterations it took (the limit where the label never changed).</summary>
public sealed record DeepFoolResult(Tensor Adversarial, int[] Iterations) : IDisposable
{
    public void Dispose() => Adversarial.Dispose();
}

/// <summary>
/// DeepFool (Moosavi-Dezfooli, Fawzi &amp; Frossard 2016), the ℓ2 version for many classes: at each iterate the model is
/// linearised, the nearest of the hyperplanes f_k = f_k̂ (k̂ the clean prediction) is found, |f′_l| / ‖w′_l‖₂ away, and
/// the step r = |f′_l| w′_l / ‖w′_l‖₂² lands on it; the total perturbation, enlarged by 1 + overshoot, is applied
/// until the prediction changes. On an affine classifier the linearisation is exact, so one step with no overshoot
/// lands on the decision boundary, where the two top logits tie.
/// </summary>
public static class DeepFool
{
    /// <param name="space">The input space: its normalisation is applied before the model, its bounds clip the iterates when it clips.</param>
    /// <param name="overshoot">The factor 1 + overshoot on the total perturbation that carries the point across the boundary (0.02 in the paper).</param>
    /// <param name="maxIterations">Iterations at most (50 in the paper).</param>
    public static DeepFoolResult Attack(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, double overshoot = 0.02, int maxIterations = 50)
    {
        space.Validate();
        if (!(overshoot >= 0)) throw new TheoryLabException($"DeepFool's overshoot {overshoot} must be at least 0.");
        if (maxIterations < 1) throw new TheoryLabException($"DeepFool needs at least one iteration, not {maxIterations}.");
        using var scope = NewDisposeScope();
        long n = pixels.shape[0];
        long[] perExample = [n, .. Enumerable.Repeat(1L, (int)pixels.dim() - 1)];
        Tensor original;
        using (no_grad()) original = space.Logits(model, pixels).argmax(1);
        var total = zeros_like(pixels);
        var point = pixels.clone();
        var iterations = new int[n];
        var active = ones(n, dtype: ScalarType.Bool, device: pixels.device);
        using Scalar examples = n.ToScalar(), tiny = 1e-30.ToScalar(), infinity = double.PositiveInfinity.ToScalar(), stretch = (1 + overshoot).ToScalar();
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            bool[] unchanged = active.data<bool>().ToArray();
            if (!unchanged.Contains(true)) break;
            for (int i = 0; i < n; i++) if (unchanged[i]) iterations[i] = iteration;
            var (logits, gradients) = LogitGradients(model, space, point);
            var rows = HeldScalars.Range(examples, device: pixels.device);
            var own = logits[rows, original].unsqueeze(1);
            var ownGradient = gradients[rows, original].unsqueeze(1);
            var gaps = logits.sub(own);                                      // f′_k = f_k − f_k̂, [n, K]
            var normals = gradients.sub(ownGradient);                        // w′_k, [n, K, …]
            var lengths = normals.flatten(2).norm(2, keepdim: false, p: 2);  // ‖w′_k‖₂, [n, K]
            var distances = gaps.abs().div(lengths.clamp_min(tiny));
            distances[rows, original] = full(n, infinity, dtype: distances.dtype, device: distances.device);
            var nearest = distances.argmin(1);
            var normal = normals[rows, nearest];
            var length = lengths[rows, nearest];
            var step = normal.mul(gaps[rows, nearest].abs().div(length.Squared().clamp_min(tiny)).reshape(perExample));
            total = total.Plus(step.mul(active.reshape(perExample)));
            point = space.Confine(pixels.Plus(total.mul(stretch)));
            using (no_grad()) active = active.logical_and(space.Logits(model, point).argmax(1).eq(original));
        }
        return new DeepFoolResult(point.MoveToOuterDisposeScope(), iterations);
    }

    /// <summary>The logits [n, K] at the point and the gradient of every logit with respect to the inputs [n, K, …].</summary>
    private static (Tensor Logits, Tensor Gradients) LogitGradients(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor point)
    {
        using var enabled = enable_grad();
        var input = point.detach().requires_grad_(true);
        var logits = space.Logits(model, input);
        long classes = logits.shape[1];
        // Each example's logits depend on its own input alone, so the gradient of a column's sum is every example's gradient of that logit.
        var gradients = Enumerable.Range(0, (int)classes)
            .Select(k => autograd.grad([logits[.., k].sum()], [input], retain_graph: k < classes - 1)[0]).ToArray();
        return (logits.detach(), stack(gradients, 1));
    }
}
