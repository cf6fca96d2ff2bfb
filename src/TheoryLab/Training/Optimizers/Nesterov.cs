using TheoryLab.Torch;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Nesterov's accelerated gradient in Sutskever et al.'s form, v ← βv + g, x ← x − α(g + βv), where x is the
/// look-ahead point y_k = x_k + β(x_k − x_{k−1}) of the classical form x_{k+1} = y_k − α∇f(y_k); torch.optim.SGD's nesterov.
/// </summary>
public sealed class Nesterov(IStepSchedule schedule, double momentum) : PerParameterOptimizer
{
    public Nesterov(double alpha, double momentum) : this(new ConstantStep(alpha), momentum) { }

    public override string Name => "nesterov";
    public double Momentum => momentum;

    protected override double StepSize(int step) => schedule.StepSize(step);

    protected override void Update(torch.Tensor parameter, torch.Tensor gradient, torch.Tensor velocity, double stepSize)
    {
        using var beta = momentum.ToScalar();
        using var negativeStep = (-stepSize).ToScalar();
        velocity.mul_(beta).PlusInPlace(gradient);
        parameter.add_(gradient.add(velocity, alpha: beta), alpha: negativeStep);
    }
}
