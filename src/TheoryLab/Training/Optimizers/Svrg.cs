using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Stochastic variance-reduced gradient (Johnson and Zhang 2013). Each outer epoch takes a snapshot x̃ and its
/// full gradient μ = ∇F(x̃), then makes m inner steps x ← x − α(∇fᵢ(x) − ∇fᵢ(x̃) + μ) with i drawn uniformly;
/// the next snapshot is the last inner iterate (the paper's option I). On a smooth strongly convex sum with α small
/// and m large enough, the gap falls by a constant factor per epoch: a linear rate with a fixed step, unlike SGD.
/// A driver over a finite sum rather than an <see cref="IOptimizer"/>, because it needs full gradients.
/// </summary>
public sealed class Svrg
{
    public Svrg(double alpha, int innerSteps)
    {
        if (!(alpha > 0)) throw new TheoryLabException($"SVRG needs a step alpha > 0, not {alpha}.");
        if (innerSteps < 1) throw new TheoryLabException($"SVRG needs at least one inner step per epoch, not {innerSteps}.");
        Alpha = alpha;
        InnerSteps = innerSteps;
    }

    public double Alpha { get; }
    public int InnerSteps { get; }

    /// <summary>Component gradients one epoch costs: n for the snapshot plus two per inner step.</summary>
    public long GradientsPerEpoch(IFiniteSum problem) => problem.Count + 2L * InnerSteps;

    /// <summary>One outer epoch from <paramref name="x"/> with indices drawn uniformly from <paramref name="random"/>; returns the new snapshot.</summary>
    public torch.Tensor Epoch(IFiniteSum problem, torch.Tensor x, Random random)
    {
        var indices = new int[InnerSteps];
        for (int k = 0; k < InnerSteps; k++) indices[k] = random.Next(problem.Count);
        return Epoch(problem, x, indices);
    }

    /// <summary>One outer epoch with the given component indices, one per inner step; returns the new snapshot (a new tensor).</summary>
    public torch.Tensor Epoch(IFiniteSum problem, torch.Tensor x, IReadOnlyList<int> indices)
    {
        if (indices.Count != InnerSteps)
            throw new ArgumentException($"SVRG takes {InnerSteps} indices per epoch, not {indices.Count}", nameof(indices));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var snapshot = x.detach().clone();
        var mean = problem.FullGradient(snapshot);
        var current = snapshot.clone();
        using var negativeStep = (-Alpha).ToScalar();
        foreach (int i in indices)
        {
            using var step = torch.NewDisposeScope();
            int[] one = [i];
            var corrected = problem.Gradient(current, one).sub_(problem.Gradient(snapshot, one)).PlusInPlace(mean);
            current.add_(corrected, alpha: negativeStep);
        }
        return current.MoveToOuterDisposeScope();
    }
}
