using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Torch;
using TheoryLab.Training.PiecewiseLinear;
using TorchSharp;

namespace TheoryLab.Tests.Models.PiecewiseLinear;

public class GradientFitTests
{
    [Fact]
    public void TrainShallow_OnASingleTent_LearnsItFarBetterThanTheBestConstant()
    {
        // Δ on [0, 1] needs 2 units; the best constant (½) has mean absolute error ¼.
        TorchRuntime.EnsureLoaded();
        var target = TentMap.Exact(1, 0, 1);
        var net = GradientFit.TrainShallow(target, 4, new GradientFitSettings(600, 0.01, 256), new Random(1), torch.CPU);
        Assert.Equal(4, net.MaxWidth);
        double error = LinearPieces.Function(net, 0, 1).MeanAbsoluteDistance(target);
        Assert.True(error < 0.025, $"trained error {error}");
    }

    [Fact]
    public void TrainedTinyNetwork_ExactPieceCount_MatchesAnIndependentDenseGridCount()
    {
        // A 3 × 4 network trained briefly on Δ², then counted two ways: exact breakpoint enumeration, and runs of equal
        // finite-difference slopes on a grid fine enough that every piece spans at least 3 cells (a cell that holds a kink
        // has a slope of its own, so it never joins a run of two). The first seed whose trained network has at least four
        // pieces is used, so that the comparison is not trivial.
        TorchRuntime.EnsureLoaded();
        var settings = new GradientFitSettings(200, 0.01, 256, SquaredError: true);
        var (net, exact) = Enumerable.Range(1, 50)
            .Select(seed => GradientFit.Train(ReluNetwork.RandomCentred([4, 4, 4], 1, 0, 1, new Random(seed)), TentMap.Exact(2, 0, 1), settings, torch.CPU))
            .Select(n => (Net: n, Exact: LinearPieces.Function(n, 0, 1)))
            .First(t => t.Exact.PieceCount >= 4);
        double narrowest = Enumerable.Range(0, exact.PieceCount).Min(i => exact.Breakpoints[i + 1] - exact.Breakpoints[i]);
        int cells = (int)Math.Min(1 << 22, Math.Ceiling(4 / narrowest));
        Assert.True(narrowest >= 3.0 / cells, $"narrowest piece {narrowest} is too narrow for the grid");
        Assert.Equal(exact.PieceCount, GridPieces(net, cells));
    }

    /// <summary>Maximal runs of at least two consecutive grid cells with equal slope (relative 10⁻⁷ of the largest slope).</summary>
    private static int GridPieces(ReluNetwork net, int cells)
    {
        var y = Enumerable.Range(0, cells + 1).Select(i => net.Evaluate((double)i / cells)).ToArray();
        var slopes = Enumerable.Range(0, cells).Select(i => (y[i + 1] - y[i]) * cells).ToArray();
        double tolerance = 1e-7 * (slopes.Max(Math.Abs) + 1);
        int runs = 0;
        bool inRun = false;
        for (int i = 0; i + 1 < cells; i++)
        {
            bool same = Math.Abs(slopes[i + 1] - slopes[i]) <= tolerance;
            if (same && !inRun) runs++;
            inRun = same;
        }
        return runs;
    }
}
