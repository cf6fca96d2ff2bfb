namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// An exact description of a piecewise-linear function on [Start, End]: breakpoints x₀ &lt; x₁ &lt; … &lt; xₙ
/// and on each piece [xᵢ, xᵢ₊₁] the line f(x) = sᵢ·x + cᵢ. Distances between two such functions are
/// integrated exactly, piece by piece, rather than estimated on a grid.
/// </summary>
public sealed class PiecewiseLinearFunction
{
    private readonly double[] _breakpoints;
    private readonly double[] _slopes;
    private readonly double[] _intercepts;

    /// <param name="breakpoints">n + 1 strictly increasing points, the first and last being the interval's ends.</param>
    /// <param name="slopes">n slopes, one per piece.</param>
    /// <param name="intercepts">n intercepts, one per piece.</param>
    public PiecewiseLinearFunction(IReadOnlyList<double> breakpoints, IReadOnlyList<double> slopes, IReadOnlyList<double> intercepts)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        ArgumentNullException.ThrowIfNull(slopes);
        ArgumentNullException.ThrowIfNull(intercepts);
        if (slopes.Count == 0 || breakpoints.Count != slopes.Count + 1 || intercepts.Count != slopes.Count)
            throw new ArgumentException($"a function of n ≥ 1 pieces needs n + 1 breakpoints and n slopes and intercepts; got {breakpoints.Count}, {slopes.Count} and {intercepts.Count}");
        for (int i = 0; i + 1 < breakpoints.Count; i++)
            if (!(breakpoints[i] < breakpoints[i + 1]))
                throw new ArgumentException($"breakpoints must increase strictly; {breakpoints[i]} is followed by {breakpoints[i + 1]}", nameof(breakpoints));
        _breakpoints = breakpoints.ToArray();
        _slopes = slopes.ToArray();
        _intercepts = intercepts.ToArray();
    }

    public double Start => _breakpoints[0];
    public double End => _breakpoints[^1];
    public int PieceCount => _slopes.Length;
    public IReadOnlyList<double> Breakpoints => _breakpoints;
    public IReadOnlyList<double> Slopes => _slopes;
    public IReadOnlyList<double> Intercepts => _intercepts;

    /// <summary>The continuous function through the points (xᵢ, yᵢ), linear between them.</summary>
    public static PiecewiseLinearFunction Interpolating(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count < 2 || xs.Count != ys.Count)
            throw new ArgumentException($"interpolation needs at least two points and as many values; got {xs.Count} points and {ys.Count} values");
        var slopes = new double[xs.Count - 1];
        var intercepts = new double[xs.Count - 1];
        for (int i = 0; i + 1 < xs.Count; i++)
        {
            slopes[i] = (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]);
            intercepts[i] = ys[i] - slopes[i] * xs[i];
        }
        return new PiecewiseLinearFunction(xs, slopes, intercepts);
    }

    /// <summary>f(x) for x in [Start, End]; at a breakpoint the piece to its right (the last piece at End).</summary>
    public double Evaluate(double x)
    {
        int i = PieceAt(x);
        return _slopes[i] * x + _intercepts[i];
    }

    /// <summary>The value at breakpoint i, from the piece that ends there (or starts there, for i = 0).</summary>
    public double ValueAtBreakpoint(int i) =>
        i == 0 ? _slopes[0] * _breakpoints[0] + _intercepts[0] : _slopes[i - 1] * _breakpoints[i] + _intercepts[i - 1];

    /// <summary>The mean absolute difference (1/(b − a))∫ₐᵇ |f − g| dx, integrated exactly.</summary>
    public double MeanAbsoluteDistance(PiecewiseLinearFunction other)
    {
        double total = 0;
        foreach (var (x0, x1, d0, d1) in DifferenceCells(other))
            total += (x1 - x0) * AbsoluteLinearMean(d0, d1);
        return total / (End - Start);
    }

    /// <summary>sup |f − g| on the interval: a difference of piecewise-linear functions peaks at a breakpoint.</summary>
    public double SupDistance(PiecewiseLinearFunction other) =>
        DifferenceCells(other).Max(c => Math.Max(Math.Abs(c.D0), Math.Abs(c.D1)));

    /// <summary>
    /// Cells between the merged breakpoints of both functions, with f − g at each end of the cell, where
    /// both are linear; the two functions must live on the same interval.
    /// </summary>
    private IEnumerable<(double X0, double X1, double D0, double D1)> DifferenceCells(PiecewiseLinearFunction other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Start != Start || other.End != End)
            throw new ArgumentException($"both functions must be defined on the same interval: [{Start}, {End}] and [{other.Start}, {other.End}]", nameof(other));
        int i = 0, j = 0;
        double left = Start;
        while (i < PieceCount && j < other.PieceCount)
        {
            double right = Math.Min(_breakpoints[i + 1], other._breakpoints[j + 1]);
            if (right > left)
            {
                double d0 = _slopes[i] * left + _intercepts[i] - (other._slopes[j] * left + other._intercepts[j]);
                double d1 = _slopes[i] * right + _intercepts[i] - (other._slopes[j] * right + other._intercepts[j]);
                yield return (left, right, d0, d1);
                left = right;
            }
            if (_breakpoints[i + 1] <= right) i++;
            if (other._breakpoints[j + 1] <= right) j++;
        }
    }

    /// <summary>The mean of |d| over a cell where d runs linearly from d0 to d1, splitting where it changes sign.</summary>
    internal static double AbsoluteLinearMean(double d0, double d1)
    {
        if (d0 >= 0 == d1 >= 0 || d0 == 0 || d1 == 0) return (Math.Abs(d0) + Math.Abs(d1)) / 2;
        // The zero sits at fraction |d0|/(|d0|+|d1|); the two triangles have areas proportional to d0² and d1².
        return (d0 * d0 + d1 * d1) / (2 * (Math.Abs(d0) + Math.Abs(d1)));
    }

    private int PieceAt(double x)
    {
        if (x < Start || x > End) throw new ArgumentOutOfRangeException(nameof(x), x, $"outside [{Start}, {End}]");
        int index = Array.BinarySearch(_breakpoints, x);
        int piece = index >= 0 ? index : ~index - 1;
        return Math.Clamp(piece, 0, PieceCount - 1);
    }
}
