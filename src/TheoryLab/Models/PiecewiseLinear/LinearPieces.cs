namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// The exact linear pieces of a <see cref="ReluNetwork"/> of one input on an interval, found by enumerating
/// breakpoints rather than by sampling: on each interval every unit's pre-activation is an affine function
/// of x, so the interval splits where a unit crosses zero, the activation pattern is fixed on each part,
/// and the next layer's pre-activations are affine again. Adjacent pieces that carry the same line are
/// merged, so the count is of genuine linear pieces, not of activation patterns.
/// </summary>
public static class LinearPieces
{
    /// <summary>
    /// The number of linear pieces on [<paramref name="start"/>, <paramref name="end"/>]. Pieces stream through
    /// a counter, so memory stays at a few vectors per layer even for the 2³⁰ pieces of a deep sawtooth.
    /// </summary>
    public static long Count(ReluNetwork network, double start, double end, CancellationToken cancellation = default)
    {
        var merger = new PieceMerger(collect: false, cancellation);
        new PieceEnumerator(network).Enumerate(start, end, merger);
        return merger.Finish();
    }

    /// <summary>The network on [<paramref name="start"/>, <paramref name="end"/>] as an exact piecewise-linear function.</summary>
    public static PiecewiseLinearFunction Function(ReluNetwork network, double start, double end, CancellationToken cancellation = default)
    {
        var merger = new PieceMerger(collect: true, cancellation);
        new PieceEnumerator(network).Enumerate(start, end, merger);
        merger.Finish();
        return merger.ToFunction();
    }
}
