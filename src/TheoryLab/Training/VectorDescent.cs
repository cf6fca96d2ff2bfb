using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// The loop of the convex experiments, where the unknown is one vector and the gradient a formula rather than autograd:
/// x_{k+1} = the optimiser's step from x_k with the caller's gradient (exact, closed form or sampled), and a watcher
/// that sees every iterate x_0, x_1, … and says when to stop. The per-step dispose scope and the cancellation check
/// are here, so each experiment states only its gradient and what it records.
/// </summary>
public static class VectorDescent
{
    /// <summary>How many steps pass between two looks at the cancellation token.</summary>
    private const int CancellationStride = 1024;

    /// <summary>
    /// Moves <paramref name="x"/> in place for at most <paramref name="maxSteps"/> steps. <paramref name="stopAt"/> sees
    /// each iterate with its index k (x_0 first, x_maxSteps last) and returns true to stop there; <paramref name="gradient"/>
    /// is asked only for the iterates a step is taken from, so a sampled gradient draws exactly once per step.
    /// Tensors the two functions create live for one step.
    /// </summary>
    /// <returns>The index of the iterate at which <paramref name="stopAt"/> stopped the run, or null when it never did.</returns>
    public static int? Run(Tensor x, IOptimizer optimizer, Func<Tensor, int, Tensor> gradient, int maxSteps,
        Func<Tensor, int, bool> stopAt, CancellationToken cancellation)
    {
        for (int k = 0; ; k++)
        {
            using var scope = NewDisposeScope();
            if (stopAt(x, k)) return k;
            if (k == maxSteps) return null;
            optimizer.Step([x], [gradient(x, k)]);
            if (k % CancellationStride == 0) cancellation.ThrowIfCancellationRequested();
        }
    }
}
