using static TorchSharp.torch;

namespace TheoryLab.Torch;

/// <summary>
/// What one pass of <see cref="NeighbourSearch.Scan"/> found: the nearest distances of every point and, for
/// point sets small enough, every pair's squared distance (float32), from which pair counts below any radii
/// follow without recomputing the products. A pair whose squared distance lies within float32 rounding
/// (6·10⁻⁸ relative) of a radius may be counted on either side of it.
/// </summary>
public sealed class DistanceScan : IDisposable
{
    private readonly double[][] _points;
    private readonly Tensor? _pairs;
    private readonly int _block;

    internal DistanceScan(double[][] points, double[,] nearest, Tensor? pairs, int block)
    {
        _points = points;
        Nearest = nearest;
        _pairs = pairs;
        _block = block;
    }

    /// <summary>Row i: distances from point i to its nearest other points, ascending.</summary>
    public double[,] Nearest { get; }

    /// <summary>Whether pair distances were kept, so <see cref="PairsBelow"/> needs no second pass.</summary>
    public bool KeptPairs => _pairs is not null;

    /// <summary>Mean distance from a point to its nearest neighbour.</summary>
    public double MeanNearest => Enumerable.Range(0, Nearest.GetLength(0)).Average(i => Nearest[i, 0]);

    /// <summary>For each squared radius t (ascending): the number of pairs i &lt; j with d² &lt; t and the sum of those d².</summary>
    public (long[] Counts, double[] SquaredSums) PairsBelow(double[] radiiSquared, CancellationToken cancellation = default)
    {
        if (_pairs is null) return NeighbourSearch.PairsBelow(_points, radiiSquared, _block, cancellation);
        using var scope = NewDisposeScope();
        var boundaries = tensor(radiiSquared, dtype: float32);
        var counts = zeros(radiiSquared.Length + 1, dtype: float64);
        var sums = zeros(radiiSquared.Length + 1, dtype: float64);
        const long chunk = 1 << 23;
        for (long start = 0; start < _pairs.shape[0]; start += chunk)
        {
            cancellation.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            NeighbourSearch.Accumulate(_pairs.narrow(0, start, Math.Min(chunk, _pairs.shape[0] - start)), boundaries, counts, sums);
        }
        return NeighbourSearch.Cumulative(counts, sums, radiiSquared.Length);
    }

    public void Dispose() => _pairs?.Dispose();
}
