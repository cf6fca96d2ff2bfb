using TheoryLab.Torch;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// RMSProp (Tieleman and Hinton 2012): s ← ρs + (1 − ρ)g², x ← x − η g / (√s + ε), AdaGrad with a forgetting
/// average; torch.optim.RMSprop without momentum or centring. The step η_k follows a schedule.
/// </summary>
public sealed class RmsProp(IStepSchedule eta, double decay = 0.99, double epsilon = 1e-8) : PerParameterOptimizer
{
    /// <summary>RMSProp with the fixed step <paramref name="eta"/>.</summary>
    public RmsProp(double eta, double decay = 0.99, double epsilon = 1e-8) : this(new ConstantStep(eta), decay, epsilon) { }

    public override string Name => "rmsprop";

    protected override double StepSize(int step) => eta.StepSize(step);

    protected override void Update(torch.Tensor parameter, torch.Tensor gradient, torch.Tensor square, double stepSize)
    {
        using var keep = decay.ToScalar();
        using var fresh = (1 - decay).ToScalar();
        using var eps = epsilon.ToScalar();
        using var negativeStep = (-stepSize).ToScalar();
        square.mul_(keep).addcmul_(gradient, gradient, value: fresh);
        parameter.addcdiv_(gradient, square.sqrt().PlusInPlace(eps), value: negativeStep);
    }
}
