namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// Depth-first enumeration of a network's linear pieces, left to right. Each hidden layer keeps its units'
/// pre-activations z_j(x) = p_j·x + q_j on the interval being refined; an interval splits at the zero
/// crossings of its layer's units, and each part passes the masked coefficients on to the next layer.
/// </summary>
internal sealed class PieceEnumerator
{
    /// <summary>
    /// Crossings closer than this (relative to |x|, floor 1) to an end of their interval are taken to lie on it:
    /// a unit of the next layer that switches exactly where the previous one did must not create a sliver.
    /// Far below the 2⁻³¹ width of the narrowest part of Δ³⁰.
    /// </summary>
    private const double CrossingTolerance = 1e-12;

    private readonly ReluNetwork _network;
    private readonly double[][] _p;
    private readonly double[][] _q;
    private readonly double[][] _splits;
    private readonly double[] _maskedP;
    private readonly double[] _maskedQ;
    private readonly int[] _active;

    public PieceEnumerator(ReluNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _p = network.Hidden.Select(h => new double[h.Outputs]).ToArray();
        _q = network.Hidden.Select(h => new double[h.Outputs]).ToArray();
        _splits = network.Hidden.Select(h => new double[h.Outputs]).ToArray();
        int widest = Math.Max(1, network.MaxWidth);
        _maskedP = new double[widest];
        _maskedQ = new double[widest];
        _active = new int[widest];
    }

    public void Enumerate(double start, double end, PieceMerger sink)
    {
        if (!(start < end) || !double.IsFinite(start) || !double.IsFinite(end))
            throw new TheoryLabException($"the interval [{start}, {end}] must have finite ends with start < end.");
        if (_network.Depth == 0)
        {
            var output = _network.Output;
            sink.Add(start, end, output.Weight(0, 0), output.Biases[0], Math.Abs(output.Weight(0, 0)), Math.Abs(output.Biases[0]));
            return;
        }
        var first = _network.Hidden[0];
        for (int j = 0; j < first.Outputs; j++)
        {
            _p[0][j] = first.Weight(j, 0);
            _q[0][j] = first.Biases[j];
        }
        Descend(0, start, end, sink);
    }

    private void Descend(int layer, double lo, double hi, PieceMerger sink)
    {
        double[] p = _p[layer], q = _q[layer], splits = _splits[layer];
        double tolerance = CrossingTolerance * Math.Max(1, Math.Max(Math.Abs(lo), Math.Abs(hi)));
        int count = 0;
        for (int j = 0; j < p.Length; j++)
        {
            if (p[j] == 0) continue;
            double t = -q[j] / p[j];
            if (t > lo + tolerance && t < hi - tolerance) splits[count++] = t;
        }
        if (count > 1) splits.AsSpan(0, count).Sort();

        double left = lo;
        for (int s = 0; s <= count; s++)
        {
            double right = s < count ? splits[s] : hi;
            // Two units crossing at (nearly) the same point split once.
            if (right - left <= tolerance) continue;
            Refine(layer, left, right, sink);
            left = right;
        }
    }

    /// <summary>On [left, right] no unit of this layer changes sign: mask by the pattern at the midpoint and go on.</summary>
    private void Refine(int layer, double left, double right, PieceMerger sink)
    {
        double[] p = _p[layer], q = _q[layer];
        double mid = 0.5 * (left + right);
        int active = 0;
        for (int j = 0; j < p.Length; j++)
        {
            if (p[j] * mid + q[j] <= 0) continue;
            _active[active] = j;
            _maskedP[active] = p[j];
            _maskedQ[active] = q[j];
            active++;
        }

        bool last = layer + 1 == _network.Depth;
        var next = last ? _network.Output : _network.Hidden[layer + 1];
        if (last)
        {
            var row = next.Row(0);
            double slope = 0, intercept = next.Biases[0], slopeSize = 0, interceptSize = Math.Abs(intercept);
            for (int a = 0; a < active; a++)
            {
                double w = row[_active[a]];
                slope += w * _maskedP[a];
                intercept += w * _maskedQ[a];
                slopeSize += Math.Abs(w * _maskedP[a]);
                interceptSize += Math.Abs(w * _maskedQ[a]);
            }
            sink.Add(left, right, slope, intercept, slopeSize, interceptSize);
            return;
        }

        double[] nextP = _p[layer + 1], nextQ = _q[layer + 1];
        for (int u = 0; u < next.Outputs; u++)
        {
            var row = next.Row(u);
            double pu = 0, qu = next.Biases[u];
            for (int a = 0; a < active; a++)
            {
                double w = row[_active[a]];
                pu += w * _maskedP[a];
                qu += w * _maskedQ[a];
            }
            nextP[u] = pu;
            nextQ[u] = qu;
        }
        Descend(layer + 1, left, right, sink);
    }
}
