using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class TentMapTests
{
    [Fact]
    public void Exact_AgreesWithTheIteratedMapAndTheNetwork()
    {
        var random = new Random(8);
        for (int k = 1; k <= 12; k++)
        {
            var exact = TentMap.Exact(k, 0, 1);
            var net = TentMap.Network(k);
            for (int i = 0; i < 300; i++)
            {
                double x = random.NextDouble();
                double iterated = TentMap.Iterate(x, k);
                Assert.Equal(iterated, exact.Evaluate(x), 1e-15 * (1 << k));
                Assert.Equal(iterated, net.Evaluate(x), 1e-15 * (1 << k));
            }
        }
    }

    [Fact]
    public void ParameterCount_IsSixKPlusOne_AsTheNetworkHas()
    {
        for (int k = 1; k <= 30; k++)
        {
            Assert.Equal(6L * k + 1, TentMap.Network(k).ParameterCount);
            Assert.Equal(TentMap.Network(k).ParameterCount, TentMap.ParameterCount(k));
        }
    }

    [Fact]
    public void PieceBound_OfTheTentNetwork_IsFourToTheK()
    {
        for (int k = 1; k <= 10; k++) Assert.Equal(Math.Pow(4, k), TentMap.Network(k).PieceBound);
    }

    [Fact]
    public void MeanAbsoluteErrorLowerBound_OnTheUnitInterval_HasTheClosedForms()
    {
        // k = 5: 16 teeth, half-tooth 1/32. Teeth: (16 − (p − 1))/64; pairs: (1 − 1.5p/32)/4.
        Assert.Equal(16 / 64.0, TentMap.MeanAbsoluteErrorLowerBound(5, 1, 0, 1), 15);
        Assert.Equal(Math.Max((16 - 3) / 64.0, (1 - 1.5 * 4 / 32) / 4), TentMap.MeanAbsoluteErrorLowerBound(5, 4, 0, 1), 15);
        Assert.Equal((1 - 1.5 * 17 / 32) / 4, TentMap.MeanAbsoluteErrorLowerBound(5, 17, 0, 1), 15);
        Assert.Equal(0, TentMap.MeanAbsoluteErrorLowerBound(5, 22, 0, 1));
    }

    [Fact]
    public void MeanAbsoluteErrorLowerBound_IsNeverAboveTheBestFreeKnotFits_OnRandomIntervals()
    {
        // The free-knot fits are optimal over a fine grid, the hardest functions the bound must stay below.
        var random = new Random(21);
        for (int trial = 0; trial < 8; trial++)
        {
            int k = random.Next(2, 6);
            double a = random.NextDouble() * 0.4, b = 1 - random.NextDouble() * 0.4;
            var target = TentMap.Exact(k, a, b);
            foreach (var fit in FreeKnotFit.BestByWidth(target, target.PieceCount, new FreeKnotGrid(4, 16)))
            {
                double bound = TentMap.MeanAbsoluteErrorLowerBound(k, fit.Function.PieceCount, a, b);
                Assert.True(fit.MeanAbsoluteError >= bound - 1e-12,
                    $"k = {k} on [{a}, {b}]: a {fit.Function.PieceCount}-piece fit has error {fit.MeanAbsoluteError}, below the bound {bound}");
            }
        }
    }

    [Fact]
    public void MeanAbsoluteErrorLowerBound_IsNeverAboveTheErrorOfRandomFunctions()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 500; trial++)
        {
            int k = random.Next(1, 7), pieces = random.Next(1, 40);
            var f = PiecewiseLinearFunctionTests.RandomFunction(random, pieces);
            double error = f.MeanAbsoluteDistance(TentMap.Exact(k, 0, 1));
            Assert.True(error >= TentMap.MeanAbsoluteErrorLowerBound(k, pieces, 0, 1) - 1e-12);
        }
    }

    [Fact]
    public void PieceCount_RefusesAnIntervalOutsideTheUnitInterval()
    {
        var e = Assert.Throws<TheoryLabException>(() => TentMap.PieceCount(3, -0.5, 1));
        Assert.Contains("0 ≤ start < end ≤ 1", e.Message);
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(8, 2)]
    [InlineData(5, 3)]
    public void DeepNetwork_OfAFixedArchitecture_ComputesEveryReachableSawtoothExactly(int width, int layers)
    {
        // Checked against the closed form of Δᵏ piece by piece (mean and sup distance 0 up to rounding) and by its count 2ᵏ.
        int reachable = (int)Math.Floor(Math.Log2(width)) * layers;
        for (int k = 0; k <= reachable; k++)
        {
            var network = TentMap.DeepNetwork(k, width, layers)!;
            Assert.Equal(layers, network.Depth);
            Assert.All(network.Widths, w => Assert.Equal(width, w));
            var function = LinearPieces.Function(network, 0, 1);
            Assert.Equal(1L << k, function.PieceCount);
            Assert.True(function.SupDistance(TentMap.Exact(k, 0, 1)) <= 1e-12, $"k = {k}");
        }
        Assert.Null(TentMap.DeepNetwork(reachable + 1, width, layers));
    }
}
