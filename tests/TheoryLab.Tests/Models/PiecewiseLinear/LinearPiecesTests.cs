using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class LinearPiecesTests
{
    public static TheoryData<int> Depths => new(Enumerable.Range(1, 20));

    [Theory]
    [MemberData(nameof(Depths))]
    public void LinearPieces_OfTentMapComposedKTimes_Is2ToTheK(int k)
    {
        Assert.Equal(1L << k, LinearPieces.Count(TentMap.Network(k), 0, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void Function_OfTentNetwork_IsTheClosedFormSawtooth(int k)
    {
        var enumerated = LinearPieces.Function(TentMap.Network(k), 0, 1);
        var closedForm = TentMap.Exact(k, 0, 1);
        Assert.Equal(closedForm.Breakpoints, enumerated.Breakpoints);
        Assert.Equal(closedForm.Slopes, enumerated.Slopes);
        Assert.Equal(closedForm.Intercepts, enumerated.Intercepts);
    }

    [Fact]
    public void Count_OnSubintervals_IsTheNumberOfDyadicCellsMet()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int k = random.Next(1, 9);
            double a = random.NextDouble(), b = random.NextDouble();
            if (a > b) (a, b) = (b, a);
            if (b - a < 1e-6) continue;
            Assert.Equal(TentMap.PieceCount(k, a, b), LinearPieces.Count(TentMap.Network(k), a, b));
        }
    }

    [Fact]
    public void Count_OfTentNetworkOnMinusOneToTwo_AddsTheFlatEndsOutsideTheUnitInterval()
    {
        // Left of 0 every unit is off (value 0); right of 1, Δ is negative, so from the second layer on all is 0.
        // For k = 1 the right end 2 − 2x continues the last piece's line and merges with it.
        Assert.Equal(3, LinearPieces.Count(TentMap.Network(1), -1, 2));
        for (int k = 2; k <= 10; k++) Assert.Equal((1L << k) + 2, LinearPieces.Count(TentMap.Network(k), -1, 2));
    }

    [Fact]
    public void Count_MergesNeighboursThatCarryTheSameLine()
    {
        // σ(x − 0.3) − σ(x − 0.3) + σ(x + 5): the first two switch at 0.3 but cancel; on [−1, 1] the function is x + 5.
        var hidden = new DenseLayer(new double[,] { { 1 }, { 1 }, { 1 } }, [-0.3, -0.3, 5]);
        var net = new ReluNetwork([hidden], new DenseLayer(new double[,] { { 1, -1, 1 } }, [0]));
        Assert.Equal(1, LinearPieces.Count(net, -1, 1));
    }

    [Fact]
    public void Count_OfRandomNetworks_NeverExceedsTelgarskysBound()
    {
        var random = new Random(5);
        int nontrivial = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var widths = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(1, 9)).ToArray();
            var net = ReluNetwork.Random(widths, random, weightVariance: 2, biasVariance: 4);
            long pieces = LinearPieces.Count(net, -4, 4);
            Assert.True(pieces <= net.PieceBound, $"{pieces} pieces for widths {string.Join('×', widths)}, bound {net.PieceBound}");
            if (widths.Length == 1) Assert.True(pieces <= widths[0] + 1, $"a width-{widths[0]} layer gave {pieces} pieces");
            if (pieces > 4) nontrivial++;
        }
        Assert.True(nontrivial > 100, $"only {nontrivial} of 400 random networks had more than 4 pieces; the check would be weak");
    }

    [Fact]
    public void Function_AgreesWithTheNetworkEverywhere()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 30; trial++)
        {
            var net = ReluNetwork.Random([8, 8, 8], random, biasVariance: 4);
            var f = LinearPieces.Function(net, -3, 3);
            for (int i = 0; i < 200; i++)
            {
                double x = -3 + 6 * random.NextDouble();
                double expected = net.Evaluate(x);
                Assert.Equal(expected, f.Evaluate(x), 1e-10 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void Count_MatchesSlopeChangesOfDenseSamplesOfTheTorchModule_WhenPiecesAreWide()
    {
        // Independent check: sample the float64 TorchSharp module on a fine grid and count where the finite-difference
        // slope changes. A kink inside a cell makes that cell's slope an intermediate value, so adjacent changes are one
        // kink; this is sound when every piece spans many cells and every kink changes the slope visibly.
        const int cells = 1 << 16;
        const double a = -2, b = 2, h = (b - a) / cells;
        var random = new Random(17);
        int checkedNets = 0;
        for (int trial = 0; trial < 60 && checkedNets < 15; trial++)
        {
            var net = ReluNetwork.Random([6, 6, 6], random, biasVariance: 2);
            var f = LinearPieces.Function(net, a, b);
            double maxSlope = f.Slopes.Max(Math.Abs);
            double minWidth = Enumerable.Range(0, f.PieceCount).Min(i => f.Breakpoints[i + 1] - f.Breakpoints[i]);
            double minChange = f.PieceCount == 1 ? double.PositiveInfinity : Enumerable.Range(1, f.PieceCount - 1).Min(i => Math.Abs(f.Slopes[i] - f.Slopes[i - 1]));
            if (f.PieceCount < 3 || minWidth < 8 * h || minChange < 1e-3 * maxSlope) continue;
            checkedNets++;
            Assert.Equal(f.PieceCount, SampledPieces(net, a, h, cells, 1e-6 * maxSlope));
        }
        Assert.True(checkedNets >= 10, $"only {checkedNets} networks had pieces wide enough to check");
    }

    private static int SampledPieces(ReluNetwork net, double a, double h, int cells, double tolerance)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var module = ReluNetworkModule.Create(net, torch.ScalarType.Float64);
        var xs = Enumerable.Range(0, cells + 1).Select(i => a + i * h).ToArray();
        using var noGrad = torch.no_grad();
        var ys = module.forward(torch.tensor(xs, dtype: torch.ScalarType.Float64).reshape(-1, 1)).data<double>().ToArray();
        int kinks = 0;
        bool previousChanged = false;
        for (int i = 1; i < cells; i++)
        {
            double left = (ys[i] - ys[i - 1]) / h, right = (ys[i + 1] - ys[i]) / h;
            bool changed = Math.Abs(right - left) > tolerance;
            if (changed && !previousChanged) kinks++;
            previousChanged = changed;
        }
        return kinks + 1;
    }
}
