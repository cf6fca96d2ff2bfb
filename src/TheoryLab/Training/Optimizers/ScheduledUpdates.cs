using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Scales every update of any optimiser by a factor that follows a schedule, as torch's LambdaLR scales the learning
/// rate: after <c>inner</c> moves the parameters from x to x′, they are set to x + f(k)(x′ − x) at step k. Every
/// optimiser of the registry moves its parameters by the learning rate times a direction that does not depend on the
/// learning rate, so this equals running it with learning rate η·f(k) — a cosine decay (<see cref="CosineStep"/> with
/// α = 1) for Adam or heavy ball built by name. Costs one copy of the parameters per step.
/// </summary>
public sealed class ScheduledUpdates(IOptimizer inner, IStepSchedule factor) : IOptimizer
{
    public string Name => inner.Name;
    public int Steps => inner.Steps;
    public double LearningRate => inner.LearningRate * factor.StepSize(Math.Max(inner.Steps - 1, 0));

    /// <summary>The factor f(k) of step k (counted from 0).</summary>
    public IStepSchedule Factor => factor;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        double f = factor.StepSize(inner.Steps);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var before = parameters.Select(p => p.clone()).ToArray();
        inner.Step(parameters, gradients);
        if (f == 1) return;
        // x ← x + f(x′ − x), written as x′·f + x·(1 − f) in place; the scalars are held explicitly (see Adam).
        using Scalar keep = f.ToScalar(), mix = (1 - f).ToScalar();
        for (int i = 0; i < parameters.Count; i++) parameters[i].mul_(keep).add_(before[i], alpha: mix);
    }

    public void Dispose() => inner.Dispose();
}
