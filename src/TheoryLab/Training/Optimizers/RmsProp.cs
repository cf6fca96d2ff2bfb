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
        square.mul_(decay).addcmul_(gradient, gradient, value: 1 - decay);
        parameter.addcdiv_(gradient, square.sqrt().add_(epsilon), value: -stepSize);
    }
}
