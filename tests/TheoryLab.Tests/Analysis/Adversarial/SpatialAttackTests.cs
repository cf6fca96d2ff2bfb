using TheoryLab.Analysis.Adversarial;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// The spatial attacks' guarantees on a small image classifier: worst-of-grid accuracy is the share of examples right at
/// every grid point, so it is at most the accuracy at each point and never rises when the grid is refined (checked
/// against each point evaluated on its own and each coarser grid attacked on its own); the first-order and random
/// attacks stay in the box, keep the identity as a candidate, and more random draws never raise accuracy.
/// </summary>
public class SpatialAttackTests
{
    public SpatialAttackTests() => TorchRuntime.EnsureLoaded();

    internal const int Side = 10, N = 120;
    private static readonly SpatialThreat Threat = new(30, 3);

    /// <summary>
    /// A random ReLU perceptron on flattened 10 × 10 images, and smooth images (3 × 3 binary noise upsampled, on a black
    /// border) with the labels it gives them at the identity, a few changed: small moves change some predictions.
    /// </summary>
    internal static (nn.Module<Tensor, Tensor> Model, Tensor Images, Tensor Labels) Setting(ulong seed)
    {
        var model = nn.Sequential(("flatten", nn.Flatten()), ("mlp", Perceptron(seed, Side * Side, 32, 4)));
        model.eval();
        var images = nn.functional.pad(nn.functional.interpolate(Uniform(seed + 10, N, 1, 3, 3).round(), [Side - 4, Side - 4], mode: InterpolationMode.Bilinear, align_corners: true), [2, 2, 2, 2]);
        using Scalar threshold = 1.5.ToScalar(), classes = 4.ToScalar();
        var labels = Predictions(model, images).Plus(Normal(seed + 11, N).gt(threshold).to(int64)).remainder(classes);
        return (model, images, labels);
    }

    /// <summary>Whether each example is classified correctly at every point of the grid, each point evaluated on its own.</summary>
    private static Tensor RightEverywhere(nn.Module<Tensor, Tensor> model, SpatialThreat threat, SpatialGrid grid, Tensor images, Tensor labels) =>
        grid.Points(threat).Aggregate(ones(N, dtype: ScalarType.Bool), (alive, p) => alive.logical_and(Predictions(model, SpatialTransform.Apply(images, p.Degrees, p.Dx, p.Dy)).eq(labels)));

    [Fact]
    public void WorstOfGrid_IsTheShareRightAtEveryPoint_AndAtMostEachPointsAccuracy()
    {
        var (model, images, labels) = Setting(41);
        var grid = new SpatialGrid(7, 3);
        var outcome = WorstOfGrid.Evaluate(model, Threat, grid, images, labels);
        foreach (var p in grid.Points(Threat))
        {
            double there = Accuracy(model, SpatialTransform.Apply(images, p.Degrees, p.Dx, p.Dy), labels);
            Assert.True(outcome.Accuracy <= there, $"grid accuracy {outcome.Accuracy} above {there} at {p}");
        }
        var right = RightEverywhere(model, Threat, grid, images, labels);
        Assert.Equal(right.to(float64).mean().AsDouble(), outcome.Accuracy, 12);
        Assert.Equal(right.data<bool>().ToArray(), outcome.Unbroken);
        double natural = Accuracy(model, images, labels);
        Assert.True(outcome.Accuracy < natural - 0.1, $"the grid broke little beyond the identity ({outcome.Accuracy} against {natural}); the test would be empty");
    }

    [Fact]
    public void RefiningTheGrid_NeverRaisesAccuracy_AndEachGridOfTheChainIsItsOwnWorstCase()
    {
        Assert.Equal([1, 9, 27, 75, 175, 775], SpatialGrid.Paper.NestedChain().Select(g => g.Count));
        var (model, images, labels) = Setting(42);
        var threat = new SpatialThreat(10, 0.2);   // small moves: the random perceptron's margins are thin, and a pixel's move breaks every example at once
        var fine = new SpatialGrid(13, 5);
        var outcome = WorstOfGrid.Evaluate(model, threat, fine, images, labels);
        var finePoints = fine.Points(threat);
        for (int k = 0; k < outcome.Chain.Length; k++)
        {
            var coarse = outcome.Chain[k];
            Assert.True(fine.Contains(coarse));
            Assert.Equal(coarse.Points(threat), fine.IndicesOf(coarse).Select(i => finePoints[i]));
            Assert.Equal(RightEverywhere(model, threat, coarse, images, labels).to(float64).mean().AsDouble(), outcome.ChainAccuracies[k], 12);
            if (k > 0) Assert.True(outcome.ChainAccuracies[k] <= outcome.ChainAccuracies[k - 1], $"the {coarse.Count}-point grid's accuracy rose above its predecessor's");
        }
        Assert.True(outcome.ChainAccuracies[1] > outcome.Accuracy, $"refinement changed nothing after the first grid ({string.Join(", ", outcome.ChainAccuracies)}); the test would be empty");
    }

    [Fact]
    public void GridsWithEvenCounts_AreRefused_AndOnlyNestedGridsAreRead()
    {
        Assert.Throws<TheoryLabException>(() => new SpatialGrid(4, 5).Points(Threat));
        Assert.False(new SpatialGrid(11, 5).Contains(new SpatialGrid(7, 5)));
        Assert.Throws<ArgumentException>(() => new SpatialGrid(11, 5).IndicesOf(new SpatialGrid(7, 5)));
    }

    [Fact]
    public void TheFirstOrderAttack_StaysInTheBox_AndLeavesNoMoreThanNaturalAccuracy()
    {
        var (model, images, labels) = Setting(43);
        using var generator = new Generator(44);
        var found = SpatialPgd.Attack(model, Threat, images, labels, 20, 0.25, generator);
        Assert.True(found[.., 0].abs().max().AsDouble() <= 30 && found[.., 1..].abs().max().AsDouble() <= 3, "a parameter left the box");
        double natural = Accuracy(model, images, labels);
        double attacked = Accuracy(model, SpatialTransform.Apply(images, found), labels);
        Assert.True(attacked <= natural, $"attacked accuracy {attacked} above natural {natural}");
        Assert.True(attacked < natural - 0.05, "the attack broke almost nothing; the test would be empty");
        Assert.True(found[.., 0].abs().max().AsDouble() > 20, "no parameter went near the box's edge; the projection was not tested");
    }

    [Fact]
    public void RandomDraws_StayInTheBox_AndMoreOfThemNeverRaiseAccuracy()
    {
        var (model, images, labels) = Setting(45);
        double Left(int tries)
        {
            using var generator = new Generator(46);   // the same first draws, so 20 tries contain the 10
            var found = RandomSpatial.Attack(model, Threat, images, labels, tries, generator);
            Assert.True(found[.., 0].abs().max().AsDouble() <= 30 && found[.., 1..].abs().max().AsDouble() <= 3, "a draw left the box");
            return Accuracy(model, SpatialTransform.Apply(images, found), labels);
        }
        double one = Left(1), ten = Left(10), twenty = Left(20);
        Assert.True(ten <= one && twenty <= ten, $"accuracies {one}, {ten}, {twenty} for 1, 10, 20 draws");
        Assert.True(twenty < one, "more draws changed nothing; the test would be empty");
    }
}
