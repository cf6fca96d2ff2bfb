using TheoryLab.Experiments.SignalPropagation;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

public class TrainabilityGridTests
{
    // Two σ_w² columns with ξ_c = 2 and 5 and depths 4, 8, …, 40; accuracy 0.9 up to 4ξ_c, 0.5 one step beyond, 0.1 after.
    private static readonly double[] XiC = [2, 5];
    private static readonly int[] Depths = [.. Enumerable.Range(1, 10).Select(k => 4 * k)];

    private static TrainabilityGrid Synthetic()
    {
        var accuracy = new double[2, Depths.Length];
        for (int i = 0; i < 2; i++)
        {
            int last = Array.FindLastIndex(Depths, d => d <= 4 * XiC[i]);
            for (int j = 0; j < Depths.Length; j++) accuracy[i, j] = j <= last ? 0.9 : j == last + 1 ? 0.5 : 0.1;
        }
        return new TrainabilityGrid([1, 3], Depths, accuracy, Chance: 0.1);
    }

    [Fact]
    public void Levels_RunFromChanceToTheBestAccuracy()
    {
        var grid = Synthetic();
        Assert.Equal(0.9, grid.Best);
        Assert.Equal(0.5, grid.Level(0.5), 12);
        Assert.Equal(0.1, grid.Level(0), 12);
    }

    [Fact]
    public void LargestTrainedDepth_IsTheDeepestPointAtOrAboveTheThreshold()
    {
        var grid = Synthetic();
        // Column 0 trains to 4ξ_c = 8 and is half-trained at 12: the threshold decides whether 12 counts.
        Assert.Equal(8, grid.LargestTrainedDepth(0, 0.6));
        Assert.Equal(12, grid.LargestTrainedDepth(0, 0.5));
        Assert.Equal(20, grid.LargestTrainedDepth(1, 0.6));
        Assert.Equal(0, grid.LargestTrainedDepth(1, 0.95));
    }

    [Fact]
    public void Transition_RunsFromTheLastWellTrainedDepthToTheFirstAtChance()
    {
        var grid = Synthetic();
        Assert.Equal((8.0, 16.0), grid.Transition(0, grid.Level(0.9), grid.Level(0.1)));
        Assert.Equal((20.0, 28.0), grid.Transition(1, grid.Level(0.9), grid.Level(0.1)));
        // A column that never falls to chance has no upper end.
        var flat = new TrainabilityGrid([1], [4, 8], new double[,] { { 0.9, 0.8 } }, 0.1);
        Assert.Equal((8.0, double.PositiveInfinity), flat.Transition(0, 0.7, 0.2));
    }

    [Fact]
    public void Agreement_IsOneForTheMultipleThatGeneratedTheGrid_AndLowerOtherwise()
    {
        var grid = Synthetic();
        Assert.Equal(1.0, grid.Agreement(XiC, 4, 0.6));
        // 8ξ_c predicts column 0 trainable to 16 and column 1 to 40: depths 12, 16 and 24 … 40 disagree, 7 of the 20 points.
        Assert.Equal(13.0 / 20, grid.Agreement(XiC, 8, 0.6), 12);
    }

    [Fact]
    public void BestMultiple_BracketsTheGeneratingMultiple()
    {
        // Both columns train to depth/ξ_c = 4 (8/2 and 20/5); the next depths have ratios 12/2 = 6 and 24/5 = 4.8, so every
        // n from 4 up to 4.8 classifies every point correctly, and no other n does.
        var (low, high, agreement) = Synthetic().BestMultiple(XiC, 0.6);
        Assert.Equal(1.0, agreement);
        Assert.Equal(4.0, low, 12);
        Assert.Equal(4.8, high, 12);
    }
}
