namespace TheoryLab.Numerics.Statistics;

/// <summary>
/// The importance-weighted bound of Burda, Grosse &amp; Salakhutdinov (2016): with weights wₖ = p(x, zₖ)/q(zₖ|x) for
/// independent zₖ ~ q, L_K = E[log (1/K) Σₖ wₖ] ≤ log p(x); L_1 is the ELBO, L_K does not decrease in K and tends to
/// log p(x) as K → ∞.
/// </summary>
public static class ImportanceWeightedBound
{
    /// <summary>
    /// An estimate of L_K from n ≥ K log-weights: the mean of log-mean-exp over the ⌊n/K⌋ disjoint groups of K
    /// consecutive weights, so that every K is estimated from the same draws and small K averages many groups.
    /// Computed around the largest log-weight, so weights of e^{±1000} neither overflow nor vanish.
    /// </summary>
    public static double Estimate(IReadOnlyList<double> logWeights, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "a group holds at least one weight");
        int groups = logWeights.Count / k;
        if (groups == 0) throw new ArgumentException($"{logWeights.Count} log-weights cannot make a group of {k}", nameof(logWeights));
        double total = 0;
        for (int g = 0; g < groups; g++) total += LogMeanExp(logWeights, g * k, k);
        return total / groups;
    }

    /// <summary>log((1/count) Σ exp(values[start..start + count])).</summary>
    private static double LogMeanExp(IReadOnlyList<double> values, int start, int count)
    {
        double largest = double.NegativeInfinity;
        for (int i = start; i < start + count; i++) largest = Math.Max(largest, values[i]);
        double sum = 0;
        for (int i = start; i < start + count; i++) sum += Math.Exp(values[i] - largest);
        return largest + Math.Log(sum / count);
    }
}
