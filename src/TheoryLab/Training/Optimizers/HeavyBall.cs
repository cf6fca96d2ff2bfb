using TheoryLab.Torch;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Polyak's heavy ball x_{k+1} = x_k − α g_k + β(x_k − x_{k−1}), kept as a velocity v ← βv + g, x ← x − αv
/// (the same iterates, and torch.optim.SGD's form with momentum β and no dampening).
/// </summary>
public sealed class HeavyBall(IStepSchedule schedule, double momentum) : PerParameterOptimizer
{
    public HeavyBall(double alpha, double momentum) : this(new ConstantStep(alpha), momentum) { }

    public override string Name => "heavy-ball";
    public double Momentum => momentum;

    protected override double StepSize(int step) => schedule.StepSize(step);

    protected override void Update(torch.Tensor parameter, torch.Tensor gradient, torch.Tensor velocity, double stepSize)
    {
        using var beta = momentum.ToScalar();
        using var negativeStep = (-stepSize).ToScalar();
        velocity.mul_(beta).PlusInPlace(gradient);
        parameter.add_(velocity, alpha: negativeStep);
    }
}
