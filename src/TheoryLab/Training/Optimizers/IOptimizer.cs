using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// A first-order method that updates parameters in place from their gradients. The caller computes the
/// gradients (autograd, a closed form, a mini-batch), so one optimiser serves models and hand-written problems alike;
/// state such as momentum buffers lives in the optimiser, one entry per parameter, in the order given.
/// </summary>
public interface IOptimizer : IDisposable
{
    /// <summary>The registry name (<c>adam</c>, <c>heavy-ball</c>).</summary>
    string Name { get; }

    /// <summary>Steps taken so far.</summary>
    int Steps { get; }

    /// <summary>
    /// The learning rate of the most recent step (of the first, before any): the factor its update direction was scaled
    /// by — the schedule's step for SGD and the momentum methods, η for Adam, AdaGrad and RMSProp, η/b for AdaGrad-Norm.
    /// </summary>
    double LearningRate { get; }

    /// <summary>
    /// One step: replaces each parameter by its update, given the gradient at the current parameters.
    /// The same parameters, in the same order, must be passed at every step.
    /// </summary>
    void Step(IReadOnlyList<torch.Tensor> parameters, IReadOnlyList<torch.Tensor> gradients);
}
