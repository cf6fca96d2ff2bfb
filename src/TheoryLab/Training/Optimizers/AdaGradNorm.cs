using TheoryLab.Torch;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// AdaGrad-Norm (Ward, Wu, Bottou 2019): one scalar step for all parameters, b_{k+1}² = b_k² + ‖g_k‖²,
/// x_{k+1} = x_k − η g_k / b_{k+1}; ‖g‖ is the norm over every parameter together. It converges for any
/// initial b₀ > 0, where SGD with step η/b₀ diverges once b₀ is too small. η_k may follow a schedule.
/// </summary>
public sealed class AdaGradNorm : IOptimizer
{
    private readonly IStepSchedule _eta;
    private double _bSquared;

    /// <summary>AdaGrad-Norm with the fixed η = <paramref name="eta"/>.</summary>
    public AdaGradNorm(double eta, double b0) : this(new ConstantStep(eta), b0) { }

    public AdaGradNorm(IStepSchedule eta, double b0)
    {
        if (!(b0 > 0)) throw new TheoryLabException($"AdaGrad-Norm needs an initial b0 > 0, not {b0}.");
        _eta = eta;
        _bSquared = b0 * b0;
    }

    public string Name => "adagrad-norm";
    public int Steps { get; private set; }
    public double LearningRate => _eta.StepSize(Math.Max(Steps - 1, 0)) / B;

    /// <summary>The current accumulator b_k (b₀ before the first step).</summary>
    public double B => Math.Sqrt(_bSquared);

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var g in gradients) _bSquared += g.Squared().sum().AsDouble();
        using var negativeStep = (-(_eta.StepSize(Steps) / Math.Sqrt(_bSquared))).ToScalar();
        for (int i = 0; i < parameters.Count; i++) parameters[i].add_(gradients[i], alpha: negativeStep);
        Steps++;
    }

    public void Dispose() { }
}
