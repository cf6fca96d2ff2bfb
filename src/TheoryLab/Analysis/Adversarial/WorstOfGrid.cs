using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Engstrom et al.'s grid attack: every transform of a <see cref="SpatialGrid"/> is tried on every example, and an
/// example counts as broken when any of them misclassifies it. The points are tried grid by grid along
/// <see cref="SpatialGrid.NestedChain"/>, coarsest first, and an example once broken is not tried again: since each
/// grid of the chain contains the one before, the share still unbroken after a grid's points is exactly that grid's
/// worst-of-grid accuracy, so one pass gives the accuracy of every grid of the chain at the cost of the unbroken
/// examples alone. The search is exhaustive, so within its points it finds a breaking transform for certain.
/// </summary>
public static class WorstOfGrid
{
    /// <summary>Tries the points of <paramref name="grid"/> on images [N, C, H, W]; <paramref name="onPoint"/> is called after each.</summary>
    public static GridOutcome Evaluate(nn.Module<Tensor, Tensor> model, SpatialThreat threat, SpatialGrid grid, Tensor images, Tensor labels,
        Action? onPoint = null, CancellationToken cancellation = default)
    {
        threat.Validate();
        var points = grid.Points(threat);
        var chain = grid.NestedChain();
        int count = (int)images.shape[0];
        var unbroken = Enumerable.Repeat(true, count).ToArray();
        var worst = new SpatialPoint[count];
        var highestLoss = Enumerable.Repeat(double.NegativeInfinity, count).ToArray();
        var accuracies = new double[chain.Length];
        var tried = new bool[points.Length];
        for (int level = 0; level < chain.Length; level++)
        {
            foreach (int p in grid.IndicesOf(chain[level]).Where(p => !tried[p]))
            {
                cancellation.ThrowIfCancellationRequested();
                tried[p] = true;
                Try(model, threat.Space, images, labels, points[p], unbroken, worst, highestLoss);
                onPoint?.Invoke();
            }
            accuracies[level] = (double)unbroken.Count(u => u) / count;
        }
        return new GridOutcome(grid, chain, accuracies, unbroken, worst);
    }

    /// <summary>One point on the examples still unbroken: a misclassified one is broken there; a correct one keeps the point if its loss is the highest yet.</summary>
    private static void Try(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor images, Tensor labels, SpatialPoint point,
        bool[] unbroken, SpatialPoint[] worst, double[] highestLoss)
    {
        long[] alive = [.. Enumerable.Range(0, unbroken.Length).Where(n => unbroken[n]).Select(n => (long)n)];
        if (alive.Length == 0) return;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var index = tensor(alive, device: images.device);
        var (x, y) = (images.index_select(0, index), labels.index_select(0, index));
        var logits = space.Logits(model, SpatialTransform.Apply(x, point.Degrees, point.Dx, point.Dy));
        var wrong = logits.argmax(1).ne(y).cpu().data<bool>().ToArray();
        var loss = nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None).to(ScalarType.Float64).cpu().data<double>().ToArray();
        for (int j = 0; j < alive.Length; j++)
        {
            int n = (int)alive[j];
            if (wrong[j]) unbroken[n] = false;
            if (wrong[j] || loss[j] > highestLoss[n]) (worst[n], highestLoss[n]) = (point, loss[j]);
        }
    }
}

/// <summary>What a grid attack found.</summary>
/// <param name="Chain">The nested grids the points were tried along, the last the grid itself (<see cref="SpatialGrid.NestedChain"/>).</param>
/// <param name="ChainAccuracies">The worst-of-grid accuracy of each grid of the chain.</param>
/// <param name="Unbroken">Whether each example is classified correctly under every point of the grid.</param>
/// <param name="Worst">Each example's first misclassifying point along the chain, or for an unbroken one its point of highest loss.</param>
public sealed record GridOutcome(SpatialGrid Grid, SpatialGrid[] Chain, double[] ChainAccuracies, bool[] Unbroken, SpatialPoint[] Worst)
{
    /// <summary>The share of examples classified correctly under every point of the grid.</summary>
    public double Accuracy => ChainAccuracies[^1];
}
