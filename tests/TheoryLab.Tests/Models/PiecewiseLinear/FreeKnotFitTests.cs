using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class FreeKnotFitTests
{
    [Fact]
    public void BestByWidth_MatchesABruteForceSearchOverTheSameGrid()
    {
        // Δ² on [0, 1] with its 5 breakpoints as knots and values {0, ¼, ½, ¾, 1}: every path through the grid, each
        // priced by the width its network really needs.
        var target = TentMap.Exact(2, 0, 1);
        double[] knots = [0, 0.25, 0.5, 0.75, 1], levels = [0, 0.25, 0.5, 0.75, 1];
        var best = new double[5];
        Array.Fill(best, double.PositiveInfinity);
        for (int subset = 0; subset < 8; subset++)
        {
            var xs = new List<double> { 0 };
            for (int i = 0; i < 3; i++) if ((subset >> i & 1) == 1) xs.Add(knots[i + 1]);
            xs.Add(1);
            int combinations = (int)Math.Pow(levels.Length, xs.Count);
            for (int c = 0; c < combinations; c++)
            {
                var ys = new double[xs.Count];
                for (int i = 0, rest = c; i < ys.Length; i++, rest /= levels.Length) ys[i] = levels[rest % levels.Length];
                var f = PiecewiseLinearFunction.Interpolating(xs, ys);
                int width = ShallowRelu.Width(f);
                double error = f.MeanAbsoluteDistance(target);
                for (int m = width; m <= 4; m++) best[m] = Math.Min(best[m], error);
            }
        }
        var fits = FreeKnotFit.BestByWidth(target, 4, new FreeKnotGrid(1, 4));
        for (int m = 1; m <= 4; m++) Assert.Equal(best[m], fits[m - 1].MeanAbsoluteError, 6);
    }

    [Fact]
    public void BestByWidth_FitsAreRealisedByNetworksOfThatWidth_AndErrorsNeverRise()
    {
        var target = TentMap.Exact(4, 0.1, 0.9);
        var fits = FreeKnotFit.BestByWidth(target, target.PieceCount, new FreeKnotGrid(2, 8));
        for (int m = 1; m <= fits.Count; m++)
        {
            var fit = fits[m - 1];
            var net = fit.Network();
            Assert.True(net.MaxWidth <= m, $"width {m} fit needs {net.MaxWidth} units");
            Assert.True(LinearPieces.Function(net, target.Start, target.End).SupDistance(fit.Function) < 1e-12);
            Assert.Equal(fit.Function.MeanAbsoluteDistance(target), fit.MeanAbsoluteError, 15);
            if (m > 1) Assert.True(fit.MeanAbsoluteError <= fits[m - 2].MeanAbsoluteError + 1e-15);
        }
    }

    [Fact]
    public void BestByWidth_IsExactAtWidth2ToTheK_AndNotOneUnitBefore()
    {
        for (int k = 1; k <= 4; k++)
        {
            int pieces = 1 << k;
            var fits = FreeKnotFit.BestByWidth(TentMap.Exact(k, 0, 1), pieces, new FreeKnotGrid(2, 8));
            Assert.Equal(0, fits[pieces - 1].MeanAbsoluteError, 14);
            Assert.True(fits[pieces - 2].MeanAbsoluteError > 1e-3);
        }
    }

    [Fact]
    public void BestByWidth_OnAFinerGrid_IsNoWorseAndChangesLittle()
    {
        // The (4, 16) grid contains the (2, 8) grid, so it can only do better; that it barely does says the grid
        // search has converged to the optimum over all knots and values.
        var target = TentMap.Exact(4, 0, 1);
        var coarse = FreeKnotFit.BestByWidth(target, 16, new FreeKnotGrid(2, 8));
        var fine = FreeKnotFit.BestByWidth(target, 16, new FreeKnotGrid(4, 16));
        for (int m = 1; m <= 16; m++)
        {
            Assert.True(fine[m - 1].MeanAbsoluteError <= coarse[m - 1].MeanAbsoluteError + 1e-7);
            Assert.True(coarse[m - 1].MeanAbsoluteError - fine[m - 1].MeanAbsoluteError < 0.005);
        }
    }
}
