namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// Receives pieces left to right and merges neighbours that carry the same line, counting (and, when asked,
/// keeping) the genuine linear pieces. Two lines are the same when their slopes agree to a relative 10⁻⁹,
/// with an absolute floor of 10⁻¹² times the sum of |terms| that made each slope, so a slope that is zero
/// up to cancellation is not mistaken for a kink; intercepts must then agree to the same standard.
/// </summary>
internal sealed class PieceMerger(bool collect, CancellationToken cancellation)
{
    private const double RelativeTolerance = 1e-9;
    private const double CancellationFloor = 1e-12;

    private readonly List<double> _breakpoints = [];
    private readonly List<double> _slopes = [];
    private readonly List<double> _intercepts = [];
    private bool _open;
    private double _end, _slope, _intercept, _slopeSize, _interceptSize;
    private long _count;

    public void Add(double start, double end, double slope, double intercept, double slopeSize, double interceptSize)
    {
        if (_open && SameLine(slope, intercept, slopeSize, interceptSize, start))
        {
            _end = end;
            return;
        }
        Close();
        if (collect) _breakpoints.Add(start);
        (_end, _slope, _intercept, _slopeSize, _interceptSize, _open) = (end, slope, intercept, slopeSize, interceptSize, true);
        if ((_count & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Closes the last piece and returns the number of pieces.</summary>
    public long Finish()
    {
        Close();
        return _count;
    }

    public PiecewiseLinearFunction ToFunction()
    {
        if (!collect) throw new InvalidOperationException("this merger only counts; create it with collect: true to keep the pieces");
        return new PiecewiseLinearFunction([.. _breakpoints, _end], _slopes, _intercepts);
    }

    private void Close()
    {
        if (!_open) return;
        _count++;
        if (collect)
        {
            _slopes.Add(_slope);
            _intercepts.Add(_intercept);
        }
        _open = false;
    }

    private bool SameLine(double slope, double intercept, double slopeSize, double interceptSize, double x)
    {
        double slopeTolerance = RelativeTolerance * Math.Max(Math.Abs(slope), Math.Abs(_slope)) + CancellationFloor * Math.Max(slopeSize, _slopeSize);
        if (Math.Abs(slope - _slope) > slopeTolerance) return false;
        // Continuity makes the intercepts differ by (s₁ − s₂)·x at the shared breakpoint x.
        double interceptTolerance = RelativeTolerance * Math.Max(Math.Abs(intercept), Math.Abs(_intercept))
            + CancellationFloor * Math.Max(interceptSize, _interceptSize) + slopeTolerance * Math.Abs(x);
        return Math.Abs(intercept - _intercept) <= interceptTolerance;
    }
}
