using TheoryLab.Torch;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Diagonal AdaGrad (Duchi, Hazan, Singer 2011): s ← s + g², x ← x − η g / (√s + ε), a step per coordinate
/// that shrinks with that coordinate's accumulated squared gradients; torch.optim.Adagrad without decay. The step
/// η_k follows a schedule.
/// </summary>
public sealed class AdaGrad(IStepSchedule eta, double epsilon = 1e-10, double initialAccumulator = 0) : PerParameterOptimizer
{
    /// <summary>AdaGrad with the fixed step <paramref name="eta"/>.</summary>
    public AdaGrad(double eta, double epsilon = 1e-10, double initialAccumulator = 0) : this(new ConstantStep(eta), epsilon, initialAccumulator) { }

    public override string Name => "adagrad";

    protected override double InitialState => initialAccumulator;

    protected override double StepSize(int step) => eta.StepSize(step);

    protected override void Update(torch.Tensor parameter, torch.Tensor gradient, torch.Tensor sum, double stepSize)
    {
        using var one = 1.ToScalar();
        using var eps = epsilon.ToScalar();
        using var negativeStep = (-stepSize).ToScalar();
        sum.addcmul_(gradient, gradient, value: one);
        parameter.addcdiv_(gradient, sum.sqrt().PlusInPlace(eps), value: negativeStep);
    }
}
