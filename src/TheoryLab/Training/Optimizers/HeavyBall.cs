using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Polyak's heavy ball x_{k+1} = x_k − α g_k + β(x_k − x_{k−1}), kept as a velocity v ← βv + g, x ← x − αv
/// (the same iterates, and torch.optim.SGD's form with momentum β and no dampening).
/// </summary>
public sealed class HeavyBall(IStepSchedule schedule, double momentum) : IOptimizer
{
    private readonly OptimizerState _velocity = new();

    public HeavyBall(double alpha, double momentum) : this(new ConstantStep(alpha), momentum) { }

    public string Name => "heavy-ball";
    public int Steps { get; private set; }
    public double LearningRate => schedule.StepSize(Math.Max(Steps - 1, 0));
    public double Momentum => momentum;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        double alpha = schedule.StepSize(Steps);
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var v = _velocity.For(i, parameters[i]);
            v.mul_(momentum).add_(gradients[i]);
            parameters[i].add_(v, alpha: -alpha);
        }
        Steps++;
    }

    public void Dispose() => _velocity.Dispose();
}
