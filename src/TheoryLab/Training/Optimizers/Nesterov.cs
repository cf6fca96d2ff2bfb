using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Nesterov's accelerated gradient in Sutskever et al.'s form, v ← βv + g, x ← x − α(g + βv), where x is the
/// look-ahead point y_k = x_k + β(x_k − x_{k−1}) of the classical form x_{k+1} = y_k − α∇f(y_k); torch.optim.SGD's nesterov.
/// </summary>
public sealed class Nesterov(IStepSchedule schedule, double momentum) : IOptimizer
{
    private readonly OptimizerState _velocity = new();

    public Nesterov(double alpha, double momentum) : this(new ConstantStep(alpha), momentum) { }

    public string Name => "nesterov";
    public int Steps { get; private set; }
    public double LearningRate => schedule.StepSize(Math.Max(Steps - 1, 0));
    public double Momentum => momentum;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        double alpha = schedule.StepSize(Steps);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var v = _velocity.For(i, parameters[i]);
            v.mul_(momentum).add_(gradients[i]);
            parameters[i].add_(gradients[i].add(v, alpha: momentum), alpha: -alpha);
        }
        Steps++;
    }

    public void Dispose() => _velocity.Dispose();
}
