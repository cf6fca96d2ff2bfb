using TheoryLab.Numerics;
using TheoryLab.Numerics.Fits;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// The exponent p of the index law α = α₀|(ε − ε_c)/ε_c|^p shared by several groups of critical points (one per φ,
/// each with its own ε_c and α₀), with a profile confidence interval. For a trial p, R(p) sums over the groups the
/// least squared residual of ln α with p held (<see cref="IndexLawFit"/>); p̂ minimises R, and the interval holds every
/// p with R(p) ≤ R(p̂)(1 + F₁,ᵥ(level)/ν), ν = N − 1 − 2G, the F-calibrated profile interval of nonlinear least squares.
/// Pennington and Bahri's claim is one exponent for every φ, so the profile also asks whether the groups share one at
/// all: the F test of one exponent per group against a single one.
/// </summary>
/// <param name="Exponent">p̂, the shared exponent.</param>
/// <param name="Lower">The interval's lower end; <see cref="SearchLow"/> when R stays under the threshold down to it.</param>
/// <param name="Upper">The interval's upper end; <see cref="SearchHigh"/> when R stays under the threshold up to it.</param>
/// <param name="Level">The interval's confidence level.</param>
/// <param name="Points">N: critical points with α &gt; 0 over all groups used.</param>
/// <param name="Groups">G: groups with enough such points to fit (at least four).</param>
/// <param name="SharedExponentPValue">The F test's p-value for one exponent against one per group; NaN for one group.</param>
public sealed record IndexExponentProfile(
    double Exponent, double Lower, double Upper, double Level, int Points, int Groups, double SharedExponentPValue)
{
    /// <summary>The smallest exponent searched.</summary>
    public const double SearchLow = 0.1;

    /// <summary>The largest exponent searched.</summary>
    public const double SearchHigh = 10;

    private const int GridPoints = 100;

    /// <summary>Whether <paramref name="exponent"/> lies in the interval.</summary>
    public bool Contains(double exponent) => Lower <= exponent && exponent <= Upper;

    /// <summary>
    /// The profile over <paramref name="groups"/> of (ε, α) critical points; points with α = 0 are left out, as in the
    /// law's fit, and groups with fewer than four of the rest. Null when no group is left or too few points remain to
    /// estimate the noise (N ≤ 1 + 2G).
    /// </summary>
    public static IndexExponentProfile? Of(IReadOnlyList<(IReadOnlyList<double> Losses, IReadOnlyList<double> Indices)> groups, double level = 0.95)
    {
        var used = groups.Where(g => g.Indices.Count(a => a > 0) >= 4).ToList();
        int points = used.Sum(g => g.Indices.Count(a => a > 0));
        int residualFreedom = points - 1 - 2 * used.Count;
        if (used.Count == 0 || residualFreedom < 1) return null;
        double Residual(double exponent) => used.Sum(g => IndexLawFit.Fit(g.Losses, g.Indices, exponent)!.Residual);

        // A log-spaced grid finds the basin of R (it need not be convex in p), golden-section search its bottom.
        var grid = Enumerable.Range(0, GridPoints).Select(k => SearchLow * Math.Pow(SearchHigh / SearchLow, k / (GridPoints - 1.0))).ToArray();
        var residuals = grid.Select(Residual).ToArray();
        int best = Array.IndexOf(residuals, residuals.Min());
        double exponent = GoldenSection.Minimum(Residual, grid[Math.Max(best - 1, 0)], grid[Math.Min(best + 1, GridPoints - 1)], 1e-4);
        double least = Residual(exponent);
        if (residuals[best] < least) (exponent, least) = (grid[best], residuals[best]);

        double threshold = least * (1 + FisherF.Quantile(level, 1, residualFreedom) / residualFreedom);
        double lower = Edge(Residual, threshold, grid, residuals, best, exponent, -1);
        double upper = Edge(Residual, threshold, grid, residuals, best, exponent, +1);
        return new IndexExponentProfile(exponent, lower, upper, level, points, used.Count, SharedExponentTest(used, least, points));
    }

    /// <summary>The F test of a free exponent per group (3G parameters) against one shared exponent (1 + 2G).</summary>
    private static double SharedExponentTest(List<(IReadOnlyList<double> Losses, IReadOnlyList<double> Indices)> groups, double shared, int points)
    {
        int freedom = points - 3 * groups.Count;
        if (groups.Count < 2 || freedom < 1) return double.NaN;
        double separate = groups.Sum(g => IndexLawFit.Fit(g.Losses, g.Indices)!.Residual);
        double ratio = Math.Max(shared - separate, 0) / (groups.Count - 1) / (separate / freedom);
        return FisherF.Survival(ratio, groups.Count - 1, freedom);
    }

    /// <summary>Where R crosses the threshold going from p̂ in <paramref name="direction"/>: the grid brackets it, bisection finds it.</summary>
    private static double Edge(Func<double, double> residual, double threshold, double[] grid, double[] residuals, int best, double exponent, int direction)
    {
        int k = best;
        while (k + direction >= 0 && k + direction < grid.Length && residuals[k + direction] <= threshold) k += direction;
        if (k + direction < 0) return SearchLow;
        if (k + direction >= grid.Length) return SearchHigh;
        double inside = direction < 0 ? Math.Min(grid[k], exponent) : Math.Max(grid[k], exponent), outside = grid[k + direction];
        for (int step = 0; step < 40 && Math.Abs(outside - inside) > 1e-4; step++)
        {
            double middle = 0.5 * (inside + outside);
            if (residual(middle) <= threshold) inside = middle;
            else outside = middle;
        }
        return 0.5 * (inside + outside);
    }
}
