using TheoryLab.Numerics.IntrinsicDimension;
using TheoryLab.Torch;

namespace TheoryLab.Tests.Torch;

public class NeighbourSearchTests
{
    private static readonly double[][] Points = ManifoldSample.Draw(ManifoldKind.Subspace, 5, 300, 40, 0.01, new Random(9));

    [Fact]
    public void Nearest_InSmallBlocks_EqualsTheBruteForceDistances()
    {
        var blocked = NeighbourSearch.Nearest(Points, 12, block: 64);
        var exact = PairwiseDistances.Nearest(Points, 12);
        for (int i = 0; i < Points.Length; i++)
            for (int j = 0; j < 12; j++) Assert.Equal(exact[i, j], blocked[i, j], 10);
    }

    [Fact]
    public void PairsBelow_InSmallBlocks_CountsEachPairOnce()
    {
        double[] radii = [0.5, 2, 5, 1e9];
        var (counts, sums) = NeighbourSearch.PairsBelow(Points, radii, block: 64);
        var (exactCounts, exactSums) = PairwiseDistances.PairsBelow(Points, radii);
        Assert.Equal(exactCounts, counts);
        Assert.Equal(300 * 299 / 2, counts[^1]);
        for (int t = 0; t < radii.Length; t++) Assert.Equal(exactSums[t], sums[t], exactSums[t] * 1e-10 + 1e-12);
    }

    [Fact]
    public void Scan_KeepsEveryPairOnce_AndCountsThemLikeTheBruteForce()
    {
        double[] radii = [0.5, 2, 5, 1e9];
        using var scan = NeighbourSearch.Scan(Points, 12, block: 64);
        Assert.True(scan.KeptPairs);
        var (counts, sums) = scan.PairsBelow(radii);
        var (exactCounts, exactSums) = PairwiseDistances.PairsBelow(Points, radii);
        Assert.Equal(exactCounts, counts);
        // Kept distances are float32: sums agree to float32 rounding.
        for (int t = 0; t < radii.Length; t++) Assert.Equal(exactSums[t], sums[t], exactSums[t] * 1e-6 + 1e-9);
        Assert.Equal(PairwiseDistances.Nearest(Points, 12)[7, 11], scan.Nearest[7, 11], 10);
    }
}
