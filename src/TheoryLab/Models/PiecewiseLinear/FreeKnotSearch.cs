namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>
/// The dynamic programme behind <see cref="FreeKnotFit"/>. Nodes are (knot, value) pairs; a link between two
/// nodes is a line whose cost is ∫|line − target| over its span, integrated exactly cell by cell. A path of u
/// links costs u units, except that one flat end link (first or last) is free: a flat first piece lets every
/// unit be active to the right of its knot, a flat last piece to the left, so no unit is needed for the slope.
/// Two tables hold the cheapest paths: A without the free link used, B having opened with a free flat link.
/// </summary>
internal sealed class FreeKnotSearch
{
    private readonly double[] _x;
    private readonly double[] _target;
    private readonly int[] _knotOf;
    private readonly double[] _valueOf;
    private readonly int[] _firstNode;
    private readonly long[] _costOffset;
    private readonly float[] _cost;
    private readonly CancellationToken _cancellation;
    private double[][] _a = [], _b = [];
    private int[][] _fromA = [], _fromB = [];

    public FreeKnotSearch(PiecewiseLinearFunction target, FreeKnotGrid grid, CancellationToken cancellation)
    {
        _cancellation = cancellation;
        var x = new List<double>();
        for (int i = 0; i < target.PieceCount; i++)
            for (int s = 0; s < grid.KnotsPerPiece; s++)
                x.Add(target.Breakpoints[i] + (target.Breakpoints[i + 1] - target.Breakpoints[i]) * s / grid.KnotsPerPiece);
        x.Add(target.End);
        _x = x.ToArray();
        _target = _x.Select(target.Evaluate).ToArray();

        double low = Enumerable.Range(0, target.PieceCount + 1).Min(target.ValueAtBreakpoint);
        double high = Enumerable.Range(0, target.PieceCount + 1).Max(target.ValueAtBreakpoint);
        var levelValues = Enumerable.Range(0, grid.ValueLevels + 1).Select(l => low + (high - low) * l / grid.ValueLevels).ToArray();
        double same = 1e-12 * Math.Max(1, Math.Max(Math.Abs(low), Math.Abs(high)));

        var knotOf = new List<int>();
        var valueOf = new List<double>();
        _firstNode = new int[_x.Length + 1];
        for (int i = 0; i < _x.Length; i++)
        {
            _firstNode[i] = knotOf.Count;
            foreach (double level in levelValues) { knotOf.Add(i); valueOf.Add(level); }
            // The target's own value, so that an exact fit is always on the grid.
            if (!levelValues.Any(v => Math.Abs(v - _target[i]) <= same)) { knotOf.Add(i); valueOf.Add(_target[i]); }
        }
        _firstNode[_x.Length] = knotOf.Count;
        _knotOf = knotOf.ToArray();
        _valueOf = valueOf.ToArray();

        int nodes = _knotOf.Length;
        _costOffset = new long[nodes + 1];
        for (int p = 0; p < nodes; p++) _costOffset[p + 1] = _costOffset[p] + (nodes - _firstNode[_knotOf[p] + 1]);
        _cost = new float[_costOffset[nodes]];
        for (int p = 0; p < nodes; p++)
        {
            _cancellation.ThrowIfCancellationRequested();
            for (int q = _firstNode[_knotOf[p] + 1]; q < nodes; q++) _cost[Index(p, q)] = (float)SegmentCost(p, q);
        }
    }

    private int Nodes => _knotOf.Length;
    private int LastKnot => _x.Length - 1;

    /// <summary>Fills the tables for paths of up to <paramref name="maxUnits"/> units.</summary>
    public void Run(int maxUnits)
    {
        int nodes = Nodes;
        _a = new double[maxUnits + 1][];
        _b = new double[maxUnits + 1][];
        _fromA = new int[maxUnits + 1][];
        _fromB = new int[maxUnits + 1][];
        for (int u = 0; u <= maxUnits; u++)
        {
            _a[u] = Enumerable.Repeat(double.PositiveInfinity, nodes).ToArray();
            _b[u] = Enumerable.Repeat(double.PositiveInfinity, nodes).ToArray();
            _fromA[u] = new int[nodes];
            _fromB[u] = new int[nodes];
        }
        for (int p = _firstNode[0]; p < _firstNode[1]; p++) _a[0][p] = 0;
        for (int q = _firstNode[1]; q < nodes; q++)
        {
            int start = NodeWithValue(0, _valueOf[q]);
            if (start < 0) continue;
            _b[0][q] = _cost[Index(start, q)];
            _fromB[0][q] = start;
        }
        for (int u = 1; u <= maxUnits; u++)
        {
            for (int p = 0; p < nodes; p++)
            {
                _cancellation.ThrowIfCancellationRequested();
                double viaA = _a[u - 1][p], viaB = _b[u - 1][p];
                if (double.IsPositiveInfinity(viaA) && double.IsPositiveInfinity(viaB)) continue;
                long offset = _costOffset[p] - _firstNode[_knotOf[p] + 1];
                double[] a = _a[u], b = _b[u];
                int[] fromA = _fromA[u], fromB = _fromB[u];
                for (int q = _firstNode[_knotOf[p] + 1]; q < nodes; q++)
                {
                    double c = _cost[offset + q];
                    if (viaA + c < a[q]) { a[q] = viaA + c; fromA[q] = p; }
                    if (viaB + c < b[q]) { b[q] = viaB + c; fromB[q] = p; }
                }
            }
        }
    }

    /// <summary>The cheapest function a network of at most <paramref name="units"/> units realises on the grid.</summary>
    public PiecewiseLinearFunction Best(int units)
    {
        double best = double.PositiveInfinity;
        List<int>? path = null;
        for (int u = 0; u <= units; u++)
        {
            for (int q = _firstNode[LastKnot]; q < Nodes; q++)
            {
                if (_a[u][q] < best) { best = _a[u][q]; path = Trace(_fromA, u, q, openedFlat: false); }
                if (_b[u][q] < best) { best = _b[u][q]; path = Trace(_fromB, u, q, openedFlat: true); }
            }
            // A free flat last link, to the last knot's node of the same value.
            for (int p = 0; p < _firstNode[LastKnot]; p++)
            {
                int end = NodeWithValue(LastKnot, _valueOf[p]);
                if (end < 0 || double.IsPositiveInfinity(_a[u][p])) continue;
                double total = _a[u][p] + _cost[Index(p, end)];
                if (total < best) { best = total; path = [.. Trace(_fromA, u, p, openedFlat: false), end]; }
            }
        }
        if (path is null) throw new InvalidOperationException("the free-knot search found no path; the grid is empty");
        return PiecewiseLinearFunction.Interpolating(path.Select(n => _x[_knotOf[n]]).ToArray(), path.Select(n => _valueOf[n]).ToArray());
    }

    private List<int> Trace(int[][] from, int units, int node, bool openedFlat)
    {
        var path = new List<int> { node };
        for (int u = units; u > 0; u--)
        {
            node = from[u][node];
            path.Add(node);
        }
        if (openedFlat) path.Add(_fromB[0][node]);
        path.Reverse();
        return path;
    }

    /// <summary>The node at <paramref name="knot"/> holding exactly <paramref name="value"/>, or −1: the other end of a flat link.</summary>
    private int NodeWithValue(int knot, double value)
    {
        for (int n = _firstNode[knot]; n < _firstNode[knot + 1]; n++)
            if (_valueOf[n] == value) return n;
        return -1;
    }

    private long Index(int p, int q) => _costOffset[p] + (q - _firstNode[_knotOf[p] + 1]);

    /// <summary>∫|line − target| from node p to node q: the target is linear on each grid cell, so each cell is exact.</summary>
    private double SegmentCost(int p, int q)
    {
        int i = _knotOf[p], j = _knotOf[q];
        double x0 = _x[i], v = _valueOf[p];
        double slope = (_valueOf[q] - v) / (_x[j] - x0);
        double total = 0;
        double d0 = v - _target[i];
        for (int c = i; c < j; c++)
        {
            double d1 = v + slope * (_x[c + 1] - x0) - _target[c + 1];
            total += (_x[c + 1] - _x[c]) * PiecewiseLinearFunction.AbsoluteLinearMean(d0, d1);
            d0 = d1;
        }
        return total;
    }
}
