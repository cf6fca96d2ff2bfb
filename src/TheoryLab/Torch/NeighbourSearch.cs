using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Torch;

/// <summary>
/// Exact nearest neighbours and pair-distance counts for many points in high dimension, through libtorch
/// matrix products in float64 over blocks of the distance matrix: d² = ‖x‖² + ‖y‖² − 2x·y, computed only for
/// blocks on or above the diagonal (the matrix is symmetric), so memory stays at a few blocks whatever n is.
/// The pure C# reference is <see cref="Numerics.IntrinsicDimension.PairwiseDistances"/>.
/// </summary>
public static class NeighbourSearch
{
    /// <summary>Rows per block: large enough for efficient products, small enough to keep blocks of 8 MB.</summary>
    public const int DefaultBlock = 1024;

    /// <summary>
    /// Pairs whose squared distances <see cref="Scan"/> keeps (as float32, 4 bytes each) for later pair counts:
    /// 10,000 points make 5·10⁷ pairs, 200 MB. Beyond it the counts take a second pass over the products.
    /// </summary>
    public const long DefaultStoredPairLimit = 80_000_000;

    /// <summary>Row i: the distances from point i to its <paramref name="k"/> nearest other points, ascending.</summary>
    /// <param name="points">n × D values, one point per row.</param>
    public static double[,] Nearest(double[][] points, int k, int block = DefaultBlock, CancellationToken cancellation = default)
    {
        using var scan = Scan(points, k, block, storedPairLimit: 0, cancellation);
        return scan.Nearest;
    }

    /// <summary>
    /// One pass over the distance matrix: the k nearest distances of every point and, when there are at most
    /// <paramref name="storedPairLimit"/> pairs, every pair's squared distance for <see cref="DistanceScan.PairsBelow"/>.
    /// </summary>
    public static DistanceScan Scan(double[][] points, int k, int block = DefaultBlock, long storedPairLimit = DefaultStoredPairLimit, CancellationToken cancellation = default)
    {
        int n = points.Length;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"need 1 ≤ k < n = {n}");
        TorchRuntime.EnsureLoaded();
        long pairCount = (long)n * (n - 1) / 2;
        Tensor? pairs = pairCount <= storedPairLimit ? empty(pairCount, dtype: float32) : null;
        using var scope = NewDisposeScope();
        var (x, norms) = Centred(points);
        using var infinity = double.PositiveInfinity.ToScalar();
        var best = full(n, k, infinity, dtype: float64);
        long offset = 0;
        foreach (var (i0, rows, j0, cols) in UpperBlocks(n, block))
        {
            cancellation.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            var d2 = SquaredDistances(x, norms, i0, rows, j0, cols);
            if (pairs is not null)
            {
                var kept = i0 == j0 ? d2.masked_select(ones(rows, cols, dtype: @bool).triu(1)) : d2.flatten();
                pairs.narrow(0, offset, kept.shape[0]).copy_(kept.to_type(float32));
                offset += kept.shape[0];
            }
            if (i0 == j0) d2.diagonal().fill_(infinity);
            Merge(best, i0, rows, d2, k);
            if (i0 != j0) Merge(best, j0, cols, d2.t(), k);
        }
        var values = best.sqrt().contiguous().data<double>().ToArray();
        var nearest = new double[n, k];
        Buffer.BlockCopy(values, 0, nearest, 0, values.Length * sizeof(double));
        return new DistanceScan(points, nearest, pairs, block);
    }

    /// <summary>
    /// For each squared radius t (ascending): the number of pairs i &lt; j with d² &lt; t and the sum of those d²,
    /// from a fresh pass over the products in float64.
    /// </summary>
    public static (long[] Counts, double[] SquaredSums) PairsBelow(double[][] points, double[] radiiSquared, int block = DefaultBlock, CancellationToken cancellation = default)
    {
        int n = points.Length, t = radiiSquared.Length;
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (x, norms) = Centred(points);
        var boundaries = tensor(radiiSquared, dtype: float64);
        var counts = zeros(t + 1, dtype: float64);
        var sums = zeros(t + 1, dtype: float64);
        foreach (var (i0, rows, j0, cols) in UpperBlocks(n, block))
        {
            cancellation.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            var d2 = SquaredDistances(x, norms, i0, rows, j0, cols);
            // Within a diagonal block only pairs i < j count; the rest go past every radius.
            if (i0 == j0) d2 = d2.where(ones(rows, cols, dtype: @bool).triu(1), double.PositiveInfinity);
            Accumulate(d2.flatten(), boundaries, counts, sums);
        }
        return Cumulative(counts, sums, t);
    }

    /// <summary>Adds the values to per-bucket counts and sums; right = true puts v with t_{b−1} ≤ v &lt; t_b in bucket b, which counts for radii t_b, t_{b+1}, ….</summary>
    internal static void Accumulate(Tensor values, Tensor boundaries, Tensor counts, Tensor sums)
    {
        var bucket = bucketize(values, boundaries, right: true);
        var finite = values.isfinite();
        counts.PlusInPlace(bincount(bucket, finite.to_type(float64), counts.shape[0]));
        sums.PlusInPlace(bincount(bucket, values.to_type(float64).where(finite, 0.0), sums.shape[0]));
    }

    internal static (long[] Counts, double[] SquaredSums) Cumulative(Tensor counts, Tensor sums, int radii)
    {
        var cumulativeCounts = counts.cumsum(0L).data<double>().ToArray();
        var cumulativeSums = sums.cumsum(0L).data<double>().ToArray();
        return (cumulativeCounts.Take(radii).Select(c => (long)Math.Round(c)).ToArray(), cumulativeSums.Take(radii).ToArray());
    }

    /// <summary>Points as a float64 tensor with the mean subtracted, which shrinks the norms and so the cancellation in ‖x‖² + ‖y‖² − 2x·y.</summary>
    private static (Tensor X, Tensor Norms) Centred(double[][] points)
    {
        int n = points.Length, dims = points[0].Length;
        var flat = new double[(long)n * dims];
        for (int i = 0; i < n; i++) Array.Copy(points[i], 0, flat, (long)i * dims, dims);
        var x = tensor(flat, dtype: float64).reshape(n, dims);
        x = x - x.mean([0], keepdim: true);
        return (x, (x * x).sum(1));
    }

    private static Tensor SquaredDistances(Tensor x, Tensor norms, int i0, int rows, int j0, int cols)
    {
        var a = x.narrow(0, i0, rows);
        var b = x.narrow(0, j0, cols);
        using Scalar two = 2.ToScalar(), zero = 0.ToScalar();
        var d2 = norms.narrow(0, i0, rows).unsqueeze(1).Plus(norms.narrow(0, j0, cols).unsqueeze(0)) - two * mm(a, b.t());
        return d2.clamp_min(zero);
    }

    /// <summary>Keeps, for rows r0..r0+count of <paramref name="best"/>, the k smallest of their current values and the block's.</summary>
    private static void Merge(Tensor best, int r0, int count, Tensor d2, int k)
    {
        var current = best.narrow(0, r0, count);
        var (values, _) = cat([current, d2], 1).topk(k, dim: 1, largest: false, sorted: true);
        current.copy_(values);
    }

    private static IEnumerable<(int I0, int Rows, int J0, int Cols)> UpperBlocks(int n, int block)
    {
        for (int i0 = 0; i0 < n; i0 += block)
            for (int j0 = i0; j0 < n; j0 += block)
                yield return (i0, Math.Min(block, n - i0), j0, Math.Min(block, n - j0));
    }
}
