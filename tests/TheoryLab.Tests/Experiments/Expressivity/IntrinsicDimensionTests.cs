using TheoryLab.Data;
using TheoryLab.Experiments.Expressivity;
using TheoryLab.Kernel;
using TheoryLab.Numerics.IntrinsicDimension;
using TheoryLab.Tests.Data;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Expressivity;

[Collection(QuickRunsCollection.Name)]
public class IntrinsicDimensionTests(QuickRuns runs)
{
    private static readonly IntrinsicDimension Experiment = new();

    [Fact]
    public void Quick_EveryEstimateOfAKnownManifold_IsWithinTenPercentOfItsDimension_TheAverageOfPerPointEstimatesAlsoWithinItsNineEighthsBias()
    {
        var result = runs["intrinsic-dimension"].Result;
        var manifolds = result.Findings.Where(f => f.ExpectedSource == "theory: the manifold's dimension").ToList();
        Assert.Equal(4 * 5, manifolds.Count);
        // The paper's Levina–Bickel average carries a known upward bias of up to (k₁ − 1)/(k₁ − 2) = 9/8 on top.
        Assert.All(manifolds, f => Assert.True(
            f.Name.EndsWith("_levina_bickel", StringComparison.Ordinal)
                ? f.Value >= 0.9 * f.Expected!.Value && f.Value <= 1.1 * 9 / 8 * f.Expected.Value
                : f.RelativeDeviation <= 0.10,
            $"{f.Name} = {f.Value:F2}, truth {f.Expected}"));
    }

    [Fact]
    public void TenDimensionalSphereAndSubspace_AreEstimatedWithinTenPercent_TheAverageOfPerPointEstimatesWithinItsNineEighthsBias()
    {
        var options = Experiment.Quick with { SampleSize = 2500, AmbientDimension = 30 };
        foreach (var kind in new[] { ManifoldKind.Sphere, ManifoldKind.Subspace })
        {
            var points = ManifoldSample.Draw(kind, 10, options.SampleSize, options.AmbientDimension, options.Noise, new Random(10));
            var estimates = IntrinsicDimension.Estimate(points, options);
            Assert.InRange(estimates.LevinaBickelPooled, 9, 11);
            Assert.InRange(estimates.LevinaBickel, 9, 11 * 9 / 8.0);
            Assert.InRange(estimates.TwoNn, 9, 11);
            Assert.InRange(estimates.HeinAudibert, 9, 11);
        }
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void MnistDigits_LieNearManifoldsFarBelowTheirPixelCount_WithOnesTheLowest()
    {
        var options = Experiment.Quick with
        {
            SphereDimensions = [2],
            SubspaceDimensions = [2],
            CubeDimensions = [2],
            SwissRoll = false,
            NoiseLevels = [1e-3],
            Dataset = "mnist",
            Split = "test",
            PerClass = 400,
            WholeSet = 400,
        };
        var context = new RunContext { Data = new DataStore(SharedDatasets.Root!) { Downloads = false } };
        var classes = Experiment.Run(options, context).Table("classes");
        var twoNn = classes.Numbers("twonn");
        Assert.Equal(10, classes.RowCount);
        // Every digit class: an intrinsic dimension between 5 and 30 of its 784 pixels.
        Assert.All(twoNn, d => Assert.InRange(d, 5, 30));
        Assert.All(classes.Numbers("levina_bickel_pooled"), d => Assert.InRange(d, 5, 30));
        // The thin, nearly straight 1s vary least.
        Assert.Equal(1, classes.Numbers("class")[Enumerable.Range(0, 10).MinBy(i => classes.Numbers("levina_bickel_pooled")[i])]);
    }
}
