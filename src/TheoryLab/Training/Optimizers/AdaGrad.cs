using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Diagonal AdaGrad (Duchi, Hazan, Singer 2011): s ← s + g², x ← x − η g / (√s + ε), a step per coordinate
/// that shrinks with that coordinate's accumulated squared gradients; torch.optim.Adagrad without decay.
/// </summary>
public sealed class AdaGrad(double eta, double epsilon = 1e-10, double initialAccumulator = 0) : IOptimizer
{
    private readonly OptimizerState _sum = new();

    public string Name => "adagrad";
    public int Steps { get; private set; }
    public double LearningRate => eta;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var s = _sum.For(i, parameters[i], initialAccumulator);
            s.addcmul_(gradients[i], gradients[i], value: 1);
            parameters[i].addcdiv_(gradients[i], s.sqrt().add_(epsilon), value: -eta);
        }
        Steps++;
    }

    public void Dispose() => _sum.Dispose();
}
