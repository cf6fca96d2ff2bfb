using TheoryLab.Models.ReluCircuits;

namespace TheoryLab.Tests.Models.ReluCircuits;

public class YarotskyPartitionTests
{
    [Fact]
    public void SignedProduct_IsWithinFourToTheMinusM_OnTheSquare_AndExactlyZeroWhenAFactorIs()
    {
        const int m = 4;
        var product = YarotskyPartition.SignedProduct(m);
        double worst = 0;
        // A grid of spacing 2⁻⁶ on [−1, 1]² contains the points where the error of each square peaks.
        for (int i = -64; i <= 64; i++)
            for (int j = -64; j <= 64; j++)
            {
                double a = i / 64.0, b = j / 64.0;
                worst = Math.Max(worst, Math.Abs(product.Evaluate([a, b])[0] - a * b));
            }
        Assert.True(worst <= YarotskyPartition.SignedProductError(m), $"sup error {worst}");
        // The bound is attained up to the grid: more than half of 4⁻ᵐ, so the check above can fail.
        Assert.True(worst >= 0.5 * YarotskyPartition.SignedProductError(m));
        Assert.Equal(0.0, product.Evaluate([0, 0.37])[0]);
        Assert.Equal(0.0, product.Evaluate([-0.81, 0])[0]);
    }

    [Fact]
    public void ExactFunction_AgreesWithTheCircuitEvaluatedDirectly_AndVanishesBranchByBranchOutsideSupports()
    {
        var network = YarotskyPartition.Approximate(new SineTarget(), 3, 1e-3);
        var function = network.ExactFunction();
        var random = new Random(2);
        for (int s = 0; s < 500; s++)
        {
            double x = random.NextDouble();
            // Both are the same float64 network: they differ only by rounding in how the affine pieces are formed.
            Assert.Equal(network.Circuit.Evaluate([x])[0], function.Evaluate(x), 10);
        }
        var (start, end) = network.Support(1);
        Assert.Equal(0.0, network.Branches[1].Evaluate([Math.Min(1, end + 0.01)])[0], 14);
        Assert.True(start > 0);
    }

    [Fact]
    public void ExactSupError_IsBelowTheBound_AndAboveTheSampledError()
    {
        var target = new SineTarget();
        var network = YarotskyPartition.Approximate(target, 4, 1e-4);
        double exact = target.SupDistance(network.ExactFunction());
        double sampled = Enumerable.Range(0, 20_001).Max(i => Math.Abs(network.Circuit.Evaluate([i / 20_000.0])[0] - target.Value(i / 20_000.0)));
        Assert.True(exact <= network.ErrorBound && network.ErrorBound <= 1e-4, $"exact {exact}, bound {network.ErrorBound}");
        // The exact maximum over every piece cannot be below any sampled value (up to rounding).
        Assert.True(exact >= sampled - 1e-12, $"exact {exact} below sampled {sampled}");
    }

    [Fact]
    public void Approximate_GrowsCellsLikeEpsilonToTheMinusOneOverN_AndLevelsLikeLogOfOneOverEpsilon()
    {
        var target = new SineTarget();
        var coarse = YarotskyPartition.Approximate(target, 4, 1e-3);
        var fine = YarotskyPartition.Approximate(target, 4, 1e-7);
        // Four decades: N grows by about 10^(4/4) = 10 (±1 cell of rounding on each), m by about 4·log₄10 ≈ 6.6.
        Assert.InRange(fine.Cells / (double)coarse.Cells, 7, 14);
        Assert.InRange(fine.Levels - coarse.Levels, 6, 8);
    }
}
