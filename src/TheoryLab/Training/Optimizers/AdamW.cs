using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay, each step first shrinking every weight by
/// the factor 1 − ηλ and then taking <see cref="Adam"/>'s step from the gradient alone; torch.optim.AdamW without AMSGrad.
/// </summary>
public sealed class AdamW(double eta, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IOptimizer
{
    private readonly Adam _adam = new(eta, beta1, beta2, epsilon);

    public string Name => "adamw";
    public int Steps => _adam.Steps;
    public double LearningRate => eta;

    /// <summary>The decoupled decay λ.</summary>
    public double WeightDecay => weightDecay;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        using (torch.no_grad())
        {
            using Scalar shrink = (1 - eta * weightDecay).ToScalar();
            foreach (var p in parameters) p.mul_(shrink);
        }
        _adam.Step(parameters, gradients);
    }

    public void Dispose() => _adam.Dispose();
}
