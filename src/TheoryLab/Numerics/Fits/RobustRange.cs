namespace TheoryLab.Numerics.Fits;

/// <summary>
/// How wide a range of initial scales a method tolerates: over a log-spaced grid of b₀, the contiguous run of grid
/// points around the best one whose score is within a margin of the best, and its width in decades.
/// </summary>
internal static class RobustRange
{
    /// <summary>
    /// log₁₀(b_hi / b_lo) of the longest contiguous run of <paramref name="b0"/> (ascending) that contains the best
    /// score and in which every score is acceptable; 0 when only the best point is. Scores that are NaN never are.
    /// </summary>
    /// <param name="b0">The grid, ascending.</param>
    /// <param name="scores">One score per grid point.</param>
    /// <param name="higherIsBetter">True for accuracy, false for loss.</param>
    /// <param name="acceptable">Whether a score counts as near enough to the best one, given the best one.</param>
    public static (double Decades, int Best, int Low, int High) Decades(IReadOnlyList<double> b0, IReadOnlyList<double> scores, bool higherIsBetter, Func<double, double, bool> acceptable)
    {
        if (b0.Count != scores.Count || b0.Count == 0) throw new ArgumentException("need one score per grid point");
        int best = -1;
        for (int i = 0; i < scores.Count; i++)
        {
            if (double.IsNaN(scores[i])) continue;
            if (best < 0 || (higherIsBetter ? scores[i] > scores[best] : scores[i] < scores[best])) best = i;
        }
        if (best < 0) return (0, -1, -1, -1);
        bool Ok(int i) => !double.IsNaN(scores[i]) && acceptable(scores[i], scores[best]);
        int low = best, high = best;
        while (low > 0 && Ok(low - 1)) low--;
        while (high < scores.Count - 1 && Ok(high + 1)) high++;
        return (Math.Log10(b0[high] / b0[low]), best, low, high);
    }
}
