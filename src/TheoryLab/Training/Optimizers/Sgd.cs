using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>Stochastic gradient descent x ← x − α_k g with a step schedule (plain gradient descent with full gradients).</summary>
public sealed class Sgd(IStepSchedule schedule) : IOptimizer
{
    /// <summary>SGD with the fixed step <paramref name="alpha"/>.</summary>
    public Sgd(double alpha) : this(new ConstantStep(alpha)) { }

    public string Name => "sgd";
    public int Steps { get; private set; }
    public double LearningRate => schedule.StepSize(Math.Max(Steps - 1, 0));

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        double alpha = schedule.StepSize(Steps);
        using var noGrad = torch.no_grad();
        // The step is held as one Scalar for the whole loop: a temporary one could be finalised by a garbage collection
        // that another thread triggers while libtorch still reads it (TorchSharp's Scalar has a finalizer, no dispose scope).
        using var step = (-alpha).ToScalar();
        for (int i = 0; i < parameters.Count; i++) parameters[i].add_(gradients[i], alpha: step);
        Steps++;
    }

    public void Dispose() { }
}
