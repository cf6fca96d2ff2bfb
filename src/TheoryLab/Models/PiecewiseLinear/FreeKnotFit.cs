namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// Where <see cref="FreeKnotFit"/> may put knots and values: each piece of the target is cut into
/// <paramref name="KnotsPerPiece"/> equal parts, and a knot's value is one of <paramref name="ValueLevels"/> + 1
/// equally spaced levels spanning the target's range, or the target's own value there.
/// </summary>
public sealed record FreeKnotGrid(int KnotsPerPiece, int ValueLevels)
{
    /// <summary>Grid nodes (knot, value) for a target of <paramref name="pieces"/> pieces, at most; a double, as it can be huge.</summary>
    public double Nodes(long pieces) => ((double)pieces * KnotsPerPiece + 1) * (ValueLevels + 2.0);

    /// <summary>Segments between grid nodes the search prices: about half the square of the nodes.</summary>
    public double Segments(long pieces) => Nodes(pieces) * Nodes(pieces) / 2;
}

/// <summary>The best approximation found for one width: the function, its exact mean absolute error, and its network.</summary>
public sealed record ShallowFit(int Width, PiecewiseLinearFunction Function, double MeanAbsoluteError)
{
    /// <summary>A one-hidden-layer ReLU network of at most <see cref="Width"/> units that equals <see cref="Function"/> on its interval.</summary>
    public ReluNetwork Network() => ShallowRelu.FromFunction(Function);
}

/// <summary>
/// Best approximations of a piecewise-linear target, in mean absolute error, by one-hidden-layer ReLU networks
/// of each width m, searched exactly over a grid of knots and knot values (a shortest path with a bounded
/// number of links). A width-m network is a continuous piecewise-linear function with at most m units' worth of
/// knots: m pieces in general, or m + 1 pieces when its first or last piece is flat (see <see cref="ShallowRelu"/>).
/// The result is the optimum over the grid, hence an upper bound on the optimum over all width-m networks; every
/// fit is realised by an actual network.
/// </summary>
public static class FreeKnotFit
{
    /// <summary>The best fit for every width 1..<paramref name="maxWidth"/>, in order (non-increasing errors).</summary>
    public static IReadOnlyList<ShallowFit> BestByWidth(PiecewiseLinearFunction target, int maxWidth, FreeKnotGrid grid, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(grid);
        if (maxWidth < 1) throw new ArgumentOutOfRangeException(nameof(maxWidth), maxWidth, "widths start at 1");
        if (grid.KnotsPerPiece < 1 || grid.ValueLevels < 1) throw new ArgumentException("the grid needs at least one knot per piece and one value level", nameof(grid));
        var search = new FreeKnotSearch(target, grid, cancellation);
        search.Run(maxWidth);
        return Enumerable.Range(1, maxWidth).Select(m =>
        {
            var function = search.Best(m);
            int width = ShallowRelu.Width(function);
            if (width > m) throw new InvalidOperationException($"the search returned a fit needing {width} units for width {m}");
            return new ShallowFit(m, function, function.MeanAbsoluteDistance(target));
        }).ToList();
    }
}
