using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// L2 weight decay in front of any optimiser: it passes g + λw where it is given g, as torch.optim applies
/// weight_decay (coupled, not AdamW's decoupled form).
/// </summary>
public sealed class WeightDecay(IOptimizer inner, double lambda) : IOptimizer
{
    public string Name => inner.Name;
    public int Steps => inner.Steps;
    public double LearningRate => inner.LearningRate;

    /// <summary>The coefficient λ.</summary>
    public double Lambda => lambda;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var decay = lambda.ToScalar();
        inner.Step(parameters, [.. parameters.Select((w, i) => gradients[i].add(w, alpha: decay))]);
    }

    public void Dispose() => inner.Dispose();
}
