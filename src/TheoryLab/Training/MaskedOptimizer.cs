using TheoryLab.Models.Pruning;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// Training a pruned model: any optimiser's step followed by the mask, so a pruned weight is exactly zero at every
/// forward pass and after training, whatever the optimiser's momentum or state would have moved it to.
/// </summary>
public sealed class MaskedOptimizer(IOptimizer inner, PruningMask mask, nn.Module model) : IOptimizer
{
    public string Name => inner.Name;
    public int Steps => inner.Steps;
    public double LearningRate => inner.LearningRate;

    public void Step(IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> gradients)
    {
        inner.Step(parameters, gradients);
        mask.Apply(model);
    }

    /// <summary>Disposes the inner optimiser; the mask and the model stay the caller's.</summary>
    public void Dispose() => inner.Dispose();
}
