using TheoryLab.Numerics.Fits;

namespace TheoryLab.Tests.Experiments.Optimization;

/// <summary>The width in decades of the contiguous b₀ range around the best score, on hand-made grids.</summary>
public class RobustRangeTests
{
    private static readonly double[] Grid = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

    [Fact]
    public void Accuracy_TheRunAroundTheBestWithinTheMargin_IsMeasuredInDecades()
    {
        // Best 0.90 at 10⁻¹; 10⁻³ … 1 are within 0.03 of it, 10⁻⁴ is not: three decades from 10⁻³ to 1.
        double[] accuracy = [0.5, 0.88, 0.89, 0.90, 0.875, 0.2];
        var range = RobustRange.Decades(Grid, accuracy, higherIsBetter: true, (a, best) => a >= best - 0.03);
        Assert.Equal(3, range.Decades, 12);
        Assert.Equal((3, 1, 4), (range.Best, range.Low, range.High));
    }

    [Fact]
    public void Loss_AnAcceptablePointBeyondAGap_DoesNotCount()
    {
        // 10⁻⁴ is within the margin, but 10⁻³ between it and the best is not: the range is contiguous, 10⁻² … 10⁻¹.
        double[] loss = [0.15, 2.0, 0.12, 0.10, 0.5, double.NaN];
        var range = RobustRange.Decades(Grid, loss, higherIsBetter: false, (l, best) => l <= best + 0.1);
        Assert.Equal(1, range.Decades, 12);
    }

    [Fact]
    public void OnlyTheBestPoint_GivesZeroDecades()
    {
        double[] accuracy = [0.1, 0.1, 0.9, 0.1, 0.1, 0.1];
        Assert.Equal(0, RobustRange.Decades(Grid, accuracy, higherIsBetter: true, (a, best) => a >= best - 0.03).Decades);
    }
}
