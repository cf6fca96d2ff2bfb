using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015): bias-corrected averages m̂ of g and v̂ of g², x ← x − η m̂ / (√v̂ + ε);
/// torch.optim.Adam without weight decay or AMSGrad. The step η_k follows a schedule.
/// </summary>
public sealed class Adam(IStepSchedule eta, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IOptimizer
{
    /// <summary>Adam with the fixed step <paramref name="eta"/>.</summary>
    public Adam(double eta, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : this(new ConstantStep(eta), beta1, beta2, epsilon) { }

    private readonly OptimizerState _first = new();
    private readonly OptimizerState _second = new();

    public string Name => "adam";
    public int Steps { get; private set; }
    public double LearningRate => eta.StepSize(Math.Max(Steps - 1, 0));

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        double stepSize = eta.StepSize(Steps);
        Steps++;
        double correction1 = 1 - Math.Pow(beta1, Steps);
        double correction2 = 1 - Math.Pow(beta2, Steps);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        // Scalars held for the whole step: an implicitly converted one is left to the garbage collector, whose finaliser
        // may free it while libtorch still reads it ("Unknown scalar type", seen under load).
        using Scalar keep1 = beta1.ToScalar(), add1 = (1 - beta1).ToScalar(), keep2 = beta2.ToScalar(), add2 = (1 - beta2).ToScalar();
        using Scalar root = Math.Sqrt(correction2).ToScalar(), eps = epsilon.ToScalar(), step = (-stepSize / correction1).ToScalar();
        // add_(eps) alone would make TorchSharp build its own temporary alpha = 1 (seen failing so in a CI run).
        using Scalar one = 1.0.ToScalar();
        for (int i = 0; i < parameters.Count; i++)
        {
            var m = _first.For(i, parameters[i]);
            var v = _second.For(i, parameters[i]);
            m.mul_(keep1).add_(gradients[i], alpha: add1);
            v.mul_(keep2).addcmul_(gradients[i], gradients[i], value: add2);
            var denominator = v.sqrt().div_(root).add_(eps, alpha: one);
            parameters[i].addcdiv_(m, denominator, value: step);
        }
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }
}
