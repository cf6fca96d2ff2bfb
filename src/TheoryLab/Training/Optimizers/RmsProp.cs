using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// RMSProp (Tieleman and Hinton 2012): s ← ρs + (1 − ρ)g², x ← x − η g / (√s + ε), AdaGrad with a forgetting
/// average; torch.optim.RMSprop without momentum or centring.
/// </summary>
public sealed class RmsProp(double eta, double decay = 0.99, double epsilon = 1e-8) : IOptimizer
{
    private readonly OptimizerState _square = new();

    public string Name => "rmsprop";
    public int Steps { get; private set; }
    public double LearningRate => eta;

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var s = _square.For(i, parameters[i]);
            s.mul_(decay).addcmul_(gradients[i], gradients[i], value: 1 - decay);
            parameters[i].addcdiv_(gradients[i], s.sqrt().add_(epsilon), value: -eta);
        }
        Steps++;
    }

    public void Dispose() => _square.Dispose();
}
