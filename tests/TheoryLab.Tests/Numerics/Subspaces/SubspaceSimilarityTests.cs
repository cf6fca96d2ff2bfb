using TheoryLab.Numerics.Subspaces;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Numerics.Subspaces;

/// <summary>
/// Hu et al.'s subspace similarity φ against its definition computed a second way, ‖Q₁ᵀQ₂‖_F² / min(p, q) with bases
/// from torch's QR (not the principal angles' Gram–Schmidt), its limits (nested spaces 1, orthogonal 0), and its mean
/// max(p, q)/m for subspaces drawn at random, by Monte Carlo.
/// </summary>
public class SubspaceSimilarityTests
{
    private static double[,] Random(int rows, int columns, Random random)
    {
        var a = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) a[r, c] = Gaussian(random);
        return a;
    }

    /// <summary>A standard normal draw by Box–Muller: Gaussian entries make the column space uniformly distributed.</summary>
    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Tensor ToTensor(double[,] a)
    {
        int rows = a.GetLength(0), columns = a.GetLength(1);
        var flat = new double[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) flat[r * columns + c] = a[r, c];
        return tensor(flat, [rows, columns], float64);
    }

    [Theory]
    [InlineData(20, 3, 5)]
    [InlineData(30, 8, 2)]
    [InlineData(12, 1, 1)]
    public void Phi_IsTheSquaredFrobeniusNormOfTheBasesProduct_OverTheSmallerDimension(int m, int p, int q)
    {
        TorchRuntime.EnsureLoaded();
        var random = new Random(m + p + q);
        var a = Random(m, p, random);
        var b = Random(m, q, random);
        using var qa = linalg.qr(ToTensor(a)).Q;
        using var qb = linalg.qr(ToTensor(b)).Q;
        double expected = qa.t().matmul(qb).Squared().sum().AsDouble() / Math.Min(p, q);
        Assert.Equal(expected, SubspaceSimilarity.Between(a, b), 12);
    }

    [Fact]
    public void NestedSpacesGiveOne_AndOrthogonalSpacesZero()
    {
        var random = new Random(3);
        var a = Random(10, 4, random);
        var inside = new double[10, 2];
        for (int r = 0; r < 10; r++) { inside[r, 0] = a[r, 0] + 2 * a[r, 3]; inside[r, 1] = a[r, 1] - a[r, 2]; }
        Assert.Equal(1, SubspaceSimilarity.Between(a, inside), 12);
        var first = new double[10, 3];
        var last = new double[10, 2];
        for (int c = 0; c < 3; c++) first[c, c] = 1;
        for (int c = 0; c < 2; c++) last[5 + c, c] = 1;
        Assert.Equal(0, SubspaceSimilarity.Between(first, last), 12);
    }

    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(40, 2, 6)]
    public void RandomSubspaces_HaveMeanSimilarityMaxPQOverM_ByMonteCarlo(int m, int p, int q)
    {
        var random = new Random(17);
        const int draws = 4000;
        var phis = Enumerable.Range(0, draws).Select(_ => SubspaceSimilarity.Between(Random(m, p, random), Random(m, q, random))).ToArray();
        double mean = phis.Average();
        double standardError = Math.Sqrt(phis.Sum(v => (v - mean) * (v - mean)) / (draws - 1) / draws);
        double expected = (double)Math.Max(p, q) / m;
        Assert.True(Math.Abs(mean - expected) <= 4 * standardError, $"mean φ = {mean} against max(p, q)/m = {expected} (standard error {standardError})");
    }
}
