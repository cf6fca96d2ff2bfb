namespace TheoryLab.Training.Pinn;

/// <summary>
/// A cheap proxy for PINNACLE (Lau et al. 2024), which selects collocation, initial and boundary points jointly, from
/// one budget, by how much each would speed training under the network's empirical neural tangent kernel. Here the
/// kernel is taken as the identity, so a candidate's worth is its own squared loss term (squared residual, squared
/// initial misfit, squared boundary misfit); candidates of all pools are drawn together with probability
/// ∝ s_i / mean(s) + c, as <see cref="ResidualAdaptiveSampling"/> draws collocation points. What it keeps of PINNACLE
/// is the joint budget, which moves points between the interior and the initial and boundary data as their losses
/// say; what it drops is the kernel's cross terms, which PINNACLE pays for with per-point parameter gradients.
/// </summary>
public static class JointLossSampling
{
    /// <summary>
    /// <paramref name="total"/> draws over the union of the pools, returned as each pool's candidate indices; a pool
    /// the draw leaves empty gets its highest-scoring candidate in place of one draw of the largest pool, so that every
    /// loss term keeps a point.
    /// </summary>
    /// <param name="scores">Per pool, each candidate's non-negative squared loss term.</param>
    public static int[][] Draw(IReadOnlyList<IReadOnlyList<double>> scores, int total, Random random, double uniformShare = ResidualAdaptiveSampling.DefaultUniformShare)
    {
        if (total < scores.Count) throw new ArgumentOutOfRangeException(nameof(total), total, "the budget must give every pool at least one point");
        if (scores.Any(pool => pool.Count == 0)) throw new ArgumentException("every pool needs candidates", nameof(scores));
        var union = scores.SelectMany(pool => pool).ToArray();
        var offsets = new int[scores.Count + 1];
        for (int p = 0; p < scores.Count; p++) offsets[p + 1] = offsets[p] + scores[p].Count;
        var drawn = ResidualAdaptiveSampling.Draw(ResidualAdaptiveSampling.Density(union, exponent: 1, uniformShare), total, random);
        var pools = Enumerable.Range(0, scores.Count)
            .Select(p => drawn.Where(i => i >= offsets[p] && i < offsets[p + 1]).Select(i => i - offsets[p]).ToList()).ToArray();
        for (int p = 0; p < pools.Length; p++)
        {
            if (pools[p].Count > 0) continue;
            var largest = pools.MaxBy(pool => pool.Count)!;
            largest.RemoveAt(largest.Count - 1);
            var pool = scores[p];
            pools[p].Add(Enumerable.Range(0, pool.Count).MaxBy(i => pool[i]));
        }
        return [.. pools.Select(pool => pool.ToArray())];
    }
}
