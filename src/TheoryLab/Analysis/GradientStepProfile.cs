using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis;

/// <summary>
/// The loss and its gradient along one gradient step from the current parameters x, on one batch: the measures of
/// landscape smoothness of Santurkar, Tsipras, Ilyas and Mądry (2018, Fig. 4). With g = ∇L(x), for each step size η'
/// it holds L(x − η'g) (the spread of these over η' is their "variation in loss", a picture of the loss's
/// Lipschitzness along the step) and ‖g − ∇L(x − η'g)‖ (their "gradient predictiveness": how far the gradient
/// seen at x is from the one found after the step). Their "effective β-smoothness" is the largest gradient change per
/// unit of distance moved, max over η' of ‖g − ∇L(x − η'g)‖ / (η'‖g‖).
/// </summary>
/// <param name="Loss">L(x) on the batch.</param>
/// <param name="GradientNorm">‖g‖ = ‖∇L(x)‖ over all trainable parameters.</param>
/// <param name="StepSizes">The step sizes η', in the order given.</param>
/// <param name="Losses">L(x − η'g) for each step size.</param>
/// <param name="GradientChanges">‖g − ∇L(x − η'g)‖ for each step size.</param>
public sealed record GradientStepProfile(double Loss, double GradientNorm, IReadOnlyList<double> StepSizes, IReadOnlyList<double> Losses, IReadOnlyList<double> GradientChanges)
{
    /// <summary>The smallest and the largest loss along the step (over the step sizes).</summary>
    public (double Min, double Max) LossRange => (Losses.Min(), Losses.Max());

    /// <summary>The smallest and the largest gradient change along the step (over the step sizes).</summary>
    public (double Min, double Max) GradientChangeRange => (GradientChanges.Min(), GradientChanges.Max());

    /// <summary>max over η' of ‖g − ∇L(x − η'g)‖ / (η'‖g‖), Santurkar et al.'s "effective" β-smoothness (0 when g = 0).</summary>
    public double EffectiveSmoothness => GradientNorm == 0 ? 0
        : StepSizes.Zip(GradientChanges, (eta, change) => eta == 0 ? 0 : change / (Math.Abs(eta) * GradientNorm)).Max();

    /// <summary>
    /// Measures the profile of <paramref name="problem"/>'s loss on <paramref name="batch"/> at the model's current
    /// parameters, in the model's current mode (training mode, for batch norm, normalises by the batch's statistics as
    /// training does). The model is left exactly as it was: parameters, buffers (batch norm's running statistics,
    /// which the extra forward passes would otherwise move) and the parameters' stored gradients.
    /// </summary>
    /// <param name="problem">The model and its loss (its data are not used: the batch is given).</param>
    /// <param name="batch">The batch the loss is taken on, at x and at every point along the step.</param>
    /// <param name="stepSizes">The step sizes η' (0 gives L(x) and a zero change; negative ones step uphill).</param>
    public static GradientStepProfile Measure(Problem problem, Batch batch, IReadOnlyList<double> stepSizes)
    {
        if (stepSizes.Count == 0) throw new TheoryLabException("give at least one step size along the gradient.");
        var model = problem.Model;
        var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        if (parameters.Length == 0) throw new TheoryLabException("the model has no trainable parameters to step along.");
        using var scope = NewDisposeScope();
        var start = parameters.Select(p => p.detach().clone()).ToArray();
        var buffers = model.buffers().ToArray();
        var savedBuffers = buffers.Select(b => b.clone()).ToArray();
        try
        {
            var (loss, gradient) = LossAndGradient(problem, batch, parameters);
            double gradientNorm = Math.Sqrt(gradient.Sum(g => g.Squared().sum().AsDouble()));
            var losses = new double[stepSizes.Count];
            var changes = new double[stepSizes.Count];
            for (int k = 0; k < stepSizes.Count; k++)
            {
                using var stepScope = NewDisposeScope();
                using (no_grad())
                {
                    using var negativeStep = (-stepSizes[k]).ToScalar();
                    for (int i = 0; i < parameters.Length; i++) parameters[i].copy_(start[i]).add_(gradient[i], alpha: negativeStep);
                }
                var (lossThere, gradientThere) = LossAndGradient(problem, batch, parameters);
                losses[k] = lossThere;
                changes[k] = Math.Sqrt(gradient.Zip(gradientThere, (a, b) => (a - b).Squared().sum().AsDouble()).Sum());
            }
            return new GradientStepProfile(loss, gradientNorm, [.. stepSizes], losses, changes);
        }
        finally
        {
            using (no_grad())
            {
                for (int i = 0; i < parameters.Length; i++) parameters[i].copy_(start[i]);
                for (int i = 0; i < buffers.Length; i++) buffers[i].copy_(savedBuffers[i]);
            }
        }
    }

    /// <summary>The loss at the current parameters and its gradient, by autograd.grad so the parameters' .grad is untouched.</summary>
    private static (double Loss, Tensor[] Gradient) LossAndGradient(Problem problem, Batch batch, Tensor[] parameters)
    {
        var loss = problem.Loss(problem.Model, batch);
        var gradient = autograd.grad([loss], parameters, allow_unused: true);
        // A parameter the loss does not reach has no gradient: zero, as in the Trainer.
        return (loss.AsDouble(), [.. parameters.Select((p, i) => gradient[i] is { } g && !g.IsInvalid ? g : zeros_like(p))]);
    }
}
