using TheoryLab.Experiments.Landscape;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Landscape;

/// <summary>The defaults (ResNet-8 and -20 with and without skips, 51 × 51 surfaces), run once for the reproduction suite.</summary>
public sealed class DefaultLossSurfaceRun
{
    public LossSurface Experiment { get; } = new();
    public ExperimentResult Result { get; }

    public DefaultLossSurfaceRun() => Result = Experiment.Run(Experiment.Defaults, RunContext.Default);
}

/// <summary>
/// Li et al.'s own protocol for their Fig. 7 (the minimum's batch-norm statistics kept at every point, the Hessian over
/// the weight tensors only) around ResNet-56 with and without skips, on a 5 × 5 map over |α|, |β| ≤ 1/4; seed 1, one of
/// the two fresh samples in docs/landscape.md. Surfaces and lines at 3 points, since only the map is read.
/// </summary>
public sealed class LiProtocolDepth56Run
{
    public ExperimentResult Result { get; }

    public LiProtocolDepth56Run()
    {
        var experiment = new LossSurface();
        var options = experiment.Defaults with
        {
            Depths = [56],
            LargeBatchSize = 0,
            Resolution = 3,
            Extent = 0.25,
            HessianResolution = 5,
            RecomputeBatchNorm = false,
            HessianParameters = HessianParameters.Weights,
        };
        Result = experiment.Run(options, new RunContext { Seed = 1 });
    }
}

/// <summary>Runs with the tests that seed torch's global generator: the networks are initialised from it.</summary>
[Collection(QuickRunsCollection.Name)]
public class LossSurfaceTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["loss-surface"].Result;

    [Fact]
    public void Quick_PlainNetwork_SitsInASharperMinimum_AndTrainsWorse_ThanItsSkipVersion()
    {
        // ResNet-14 with and without skips, 300 steps (`theorylab run loss-surface --quick`, this build): λ_max 479 against
        // 97 (ratio 4.95) and training loss 0.48 against 0.049. A ratio above 1.5 and a higher loss are the margins.
        Assert.True(_result.Finding("sharpness_ratio_depth14").Value > 1.5, $"sharpness ratio {_result.Finding("sharpness_ratio_depth14").Value:G3}");
        Assert.True(_result.Finding("train_loss_resnet_14_noshort").Value > _result.Finding("train_loss_resnet_14").Value);
    }

    [Fact]
    public void Quick_Surfaces_HaveTheirLowestPointAtTheTrainedWeights_AndMatchTheLinesThere()
    {
        foreach (string model in new[] { "ResNet-14", "ResNet-14-noshort" })
        {
            var surface = _result.Table($"surface-{model}");
            var loss = surface.Numbers("loss");
            int centre = loss.Count / 2;
            Assert.Equal(0, surface.Numbers("x")[centre]);
            Assert.Equal(0, surface.Numbers("y")[centre]);
            Assert.Equal(loss.Min(), loss[centre]);
            // The same weights and the same recomputed statistics: the same loss to float32 rounding.
            var line = _result.Table($"line-{model}").Numbers("loss");
            Assert.Equal(loss[centre], line[line.Count / 2], loss[centre] * 1e-5);
        }
    }

    [Fact]
    public void Quick_SkipNetworksPlot_IsOneBasin() =>
        Assert.Equal(1, _result.Finding("surface_minima_resnet_14").Value);

    [Fact]
    public void Quick_RatioMaps_AreBetweenZeroAndOne_AndTheNonConvexityGapIsTheirDifference()
    {
        // The map's ratio is |λ_min/λ_max| with λ_max the largest Ritz value, so it lies in [0, 1] wherever λ_max is
        // the larger in magnitude, as it is on every measured map (λ_max ≫ |λ_min| near a minimum).
        foreach (string model in new[] { "ResNet-14", "ResNet-14-noshort" })
            Assert.All(_result.Table($"curvature-{model}").Numbers("ratio"), r => Assert.InRange(r, 0, 1));
        double gap = _result.Finding("nonconvexity_resnet_14_noshort").Value - _result.Finding("nonconvexity_resnet_14").Value;
        Assert.Equal(gap, _result.Finding("nonconvexity_gap_depth14").Value, 12);
    }

    [Fact]
    public void SameOptionsAndSeed_GiveTheSameSurface()
    {
        var experiment = new LossSurface();
        var tiny = experiment.Quick with { Depths = [8], Steps = 20, EvaluationExamples = 100, Resolution = 3, HessianResolution = 0 };
        var a = experiment.Run(tiny, RunContext.Default).Table("surface-ResNet-8");
        var b = experiment.Run(tiny, RunContext.Default).Table("surface-ResNet-8");
        Assert.Equal(a.Numbers("loss"), b.Numbers("loss"));
    }

    [Fact]
    public void StoredBatchNormStatistics_ReachTheProbe()
    {
        // After 20 steps the running averages (momentum 0.1) still lag the statistics of the trained weights, so the
        // same network measured with its stored statistics gives another loss at the very centre of the plot.
        var experiment = new LossSurface();
        var tiny = experiment.Quick with { Depths = [8], Steps = 20, EvaluationExamples = 100, Resolution = 3, HessianResolution = 0 };
        double Centre(bool recompute)
        {
            var loss = experiment.Run(tiny with { RecomputeBatchNorm = recompute }, RunContext.Default).Table("surface-ResNet-8").Numbers("loss");
            return loss[loss.Count / 2];
        }

        double recomputed = Centre(true), stored = Centre(false);

        Assert.True(Math.Abs(stored - recomputed) > 1e-3 * recomputed, $"stored {stored:G6}, recomputed {recomputed:G6}");
    }

    [Fact]
    public void BatchComparison_SmallBatchSolution_IsTheNetworkTheSurfacesWereDrawnAround()
    {
        // The comparison reuses the shallowest skip network instead of training it again; t = 0 of the interpolation
        // is then the surface's centre: the same weights, statistics and data, the same loss to float32 rounding.
        var experiment = new LossSurface();
        var tiny = experiment.Quick with { Depths = [8], Steps = 20, EvaluationExamples = 100, Resolution = 5, HessianResolution = 0, LargeBatchSize = 256 };
        var result = experiment.Run(tiny, RunContext.Default);
        var surface = result.Table("surface-ResNet-8").Numbers("loss");
        var interpolation = result.Table("batch-interpolation");
        int atSmall = interpolation.Numbers("t").ToList().IndexOf(0);
        double centre = surface[surface.Count / 2];
        Assert.Equal(centre, interpolation.Numbers("train_loss")[atSmall], centre * 1e-5);
    }
}

[Trait("Category", "Reproduction")]
public class LossSurfaceReproductionTests(DefaultLossSurfaceRun run) : IClassFixture<DefaultLossSurfaceRun>
{
    /// <summary>Why Li et al.'s Fig. 5 count is not asserted at the defaults (docs/landscape.md, "Measured").</summary>
    private const string CountFollowsRounding =
        "Not reproduced in this build: at depth 20 the count of strict minima follows the convolution kernels' rounding " +
        "(ATen's: 2 with skips, 2 without; oneDNN's: 1 and 4; an earlier build: 1 and 10), every extra minimum a bump " +
        "1e-4 to 1e-2 nats deep on the plateau beyond the chance loss; docs/landscape.md";

    private readonly ExperimentResult _result = run.Result;

    [Fact(Skip = CountFollowsRounding)]
    public void WithSkips_ThePlotIsOneBasin_AtEveryDepth()
    {
        Assert.Equal(1, _result.Finding("surface_minima_resnet_8").Value);
        Assert.Equal(1, _result.Finding("surface_minima_resnet_20").Value);
    }

    [Fact(Skip = CountFollowsRounding)]
    public void WithoutSkips_ThePlotTurnsChaoticWithDepth()
    {
        // Li et al.'s Fig. 5 as a count: more minima without skips than with them at depth 20, and more at depth 20
        // than at depth 8 without skips.
        Assert.True(_result.Finding("surface_minima_gap_depth20").Value > 0, $"gap {_result.Finding("surface_minima_gap_depth20").Value}");
        Assert.True(_result.Finding("surface_minima_resnet_20_noshort").Value > _result.Finding("surface_minima_resnet_8_noshort").Value);
    }

    [Fact]
    public void AtDepth20_ThePlainNetworksMinimumIsSharperThanItsSkipVersions()
    {
        // Measured λ_max 36.9 against 3.1 at depth 20 (this build; 24.4 against 5.0 with oneDNN's kernels earlier).
        Assert.True(_result.Finding("sharpness_ratio_depth20").Value > 1.5, $"sharpness ratio {_result.Finding("sharpness_ratio_depth20").Value:G3}");
    }
}

[Trait("Category", "Reproduction")]
public class LossSurfaceFigure7Tests(LiProtocolDepth56Run run) : IClassFixture<LiProtocolDepth56Run>
{
    private readonly ExperimentResult _result = run.Result;

    [Fact]
    public void WithLiEtAlsProtocol_ThePlainResNet56sRatioMap_IsMoreNonConvexNearTheMinimum_ThanItsSkipVersions()
    {
        // Measured (478 s): mean |λ_min/λ_max| 0.053 with skips against 0.122 without, share above 0.1 12 % against 44 %.
        double skip = _result.Finding("nonconvexity_resnet_56").Value, plain = _result.Finding("nonconvexity_resnet_56_noshort").Value;
        Assert.True(plain > skip, $"mean ratio {plain:G3} without skips against {skip:G3} with them");
        Assert.True(_result.Finding("nonconvex_fraction_resnet_56_noshort").Value > _result.Finding("nonconvex_fraction_resnet_56").Value);
    }
}
