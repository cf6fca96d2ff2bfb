using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015): bias-corrected averages m̂ of g and v̂ of g², x ← x − η m̂ / (√v̂ + ε);
/// torch.optim.Adam without weight decay or AMSGrad.
/// </summary>
public sealed class Adam(double eta, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IOptimizer
{
    private readonly OptimizerState _first = new();
    private readonly OptimizerState _second = new();

    public string Name => "adam";
    public int Steps { get; private set; }

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        Steps++;
        double correction1 = 1 - Math.Pow(beta1, Steps);
        double correction2 = 1 - Math.Pow(beta2, Steps);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            var m = _first.For(i, parameters[i]);
            var v = _second.For(i, parameters[i]);
            m.mul_(beta1).add_(gradients[i], alpha: 1 - beta1);
            v.mul_(beta2).addcmul_(gradients[i], gradients[i], value: 1 - beta2);
            var denominator = v.sqrt().div_(Math.Sqrt(correction2)).add_(epsilon);
            parameters[i].addcdiv_(m, denominator, value: -eta / correction1);
        }
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }
}
