namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// One-hidden-layer ReLU networks f(x) = c + Σᵢ aᵢσ(wᵢx + bᵢ) on an interval [a, b]. A unit whose kink lies
/// outside (a, b) is linear there, so such a network has at most m + 1 pieces on [a, b]; conversely a
/// continuous function with r interior knots needs r units for its knots plus, unless its first or last piece
/// is flat, one more for the slope of its first piece.
/// </summary>
public static class ShallowRelu
{
    /// <summary>Weights and biases of a width-m network with one input and one output: 3m + 1.</summary>
    public static long ParameterCount(int width) => 3L * width + 1;

    /// <summary>
    /// The units a continuous piecewise-linear function needs on its interval: its interior knots, plus one
    /// when neither end piece is flat (at least one, so that the network has a hidden layer).
    /// </summary>
    public static int Width(PiecewiseLinearFunction f)
    {
        var (knots, _, firstSlope, lastSlope) = Knots(f);
        return Math.Max(1, knots.Count + (firstSlope == 0 || lastSlope == 0 ? 0 : 1));
    }

    /// <summary>
    /// A shallow network equal to the continuous function <paramref name="f"/> on its interval, of width <see cref="Width"/>: with a flat first
    /// piece every unit is σ(x − tᵢ) (active to the right of its knot); with a flat last piece every unit is
    /// σ(tᵢ − x); otherwise a unit σ(x − a) with its kink at the interval's start carries the first slope.
    /// </summary>
    public static ReluNetwork FromFunction(PiecewiseLinearFunction f)
    {
        var (knots, changes, firstSlope, lastSlope) = Knots(f);
        double start = f.Start, end = f.End;
        var w = new List<double>();
        var b = new List<double>();
        var a = new List<double>();
        double c;
        if (lastSlope == 0 && firstSlope != 0)
        {
            c = f.Evaluate(end);
            for (int i = 0; i < knots.Count; i++) { w.Add(-1); b.Add(knots[i]); a.Add(changes[i]); }
        }
        else
        {
            c = f.Evaluate(start);
            if (firstSlope != 0) { w.Add(1); b.Add(-start); a.Add(firstSlope); }
            for (int i = 0; i < knots.Count; i++) { w.Add(1); b.Add(-knots[i]); a.Add(changes[i]); }
        }
        if (w.Count == 0) { w.Add(1); b.Add(-start); a.Add(0); }

        int m = w.Count;
        var hiddenWeights = new double[m, 1];
        var outputWeights = new double[1, m];
        for (int i = 0; i < m; i++)
        {
            hiddenWeights[i, 0] = w[i];
            outputWeights[0, i] = a[i];
        }
        return new ReluNetwork([new DenseLayer(hiddenWeights, b.ToArray())], new DenseLayer(outputWeights, [c]));
    }

    /// <summary>Interior knots with the slope change at each (collinear neighbours merged), and the end slopes.</summary>
    private static (List<double> Knots, List<double> Changes, double FirstSlope, double LastSlope) Knots(PiecewiseLinearFunction f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var knots = new List<double>();
        var changes = new List<double>();
        double previous = f.Slopes[0];
        for (int i = 1; i < f.PieceCount; i++)
        {
            double change = f.Slopes[i] - previous;
            if (change == 0) continue;
            knots.Add(f.Breakpoints[i]);
            changes.Add(change);
            previous = f.Slopes[i];
        }
        return (knots, changes, f.Slopes[0], f.Slopes[^1]);
    }
}
