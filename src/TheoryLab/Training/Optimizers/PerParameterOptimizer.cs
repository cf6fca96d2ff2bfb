using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// An optimiser that moves each parameter tensor on its own, keeping one state tensor beside it (a velocity, a sum of
/// squared gradients): the step loop, the state and the step count are here; a subclass says how one parameter moves.
/// </summary>
public abstract class PerParameterOptimizer : IOptimizer
{
    private readonly OptimizerState _state = new();

    public abstract string Name { get; }
    public int Steps { get; private set; }

    /// <summary>The step size of the last step taken (of the first before any).</summary>
    public double LearningRate => StepSize(Math.Max(Steps - 1, 0));

    /// <summary>The value every entry of a parameter's state starts at.</summary>
    protected virtual double InitialState => 0;

    /// <summary>The step size at step <paramref name="step"/> (from 0): a schedule's, or a constant.</summary>
    protected abstract double StepSize(int step);

    /// <summary>Moves <paramref name="parameter"/> by its <paramref name="gradient"/> with this step's size, updating its state in place.</summary>
    protected abstract void Update(torch.Tensor parameter, torch.Tensor gradient, torch.Tensor state, double stepSize);

    public void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients)
    {
        OptimizerState.CheckShapes(parameters, gradients);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double stepSize = StepSize(Steps);
        for (int i = 0; i < parameters.Count; i++)
            Update(parameters[i], gradients[i], _state.For(i, parameters[i], InitialState), stepSize);
        Steps++;
    }

    public void Dispose()
    {
        _state.Dispose();
        GC.SuppressFinalize(this);
    }
}
