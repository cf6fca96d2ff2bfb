using TheoryLab.Experiments;
using TheoryLab.Experiments.Landscape;

namespace TheoryLab.Tests.Experiments.Landscape;

/// <summary>One run of the quick options, shared by the tests that read it.</summary>
public sealed class QuickLossSurfaceRun
{
    public LossSurface Experiment { get; } = new();
    public ExperimentResult Result { get; }

    public QuickLossSurfaceRun() => Result = Experiment.Run(Experiment.Quick, RunContext.Default);
}

/// <summary>Runs with the tests that seed torch's global generator: the networks are initialised from it.</summary>
public class LossSurfaceTests(QuickLossSurfaceRun quick) : IClassFixture<QuickLossSurfaceRun>
{
    private readonly ExperimentResult _result = quick.Result;

    [Fact]
    public void Quick_PlainNetwork_SitsInASharperMinimum_AndTrainsWorse_ThanItsSkipVersion()
    {
        // ResNet-14 with and without skips, 300 steps: measured λ_max 202 against 64 (ratio 3.1) and training loss
        // 0.27 against 0.06. A ratio above 1.5 and a higher loss are the margins; at depths 20 and 44 the ratio was 18 and 56.
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
    public void Quick_RatioMaps_AreBetweenZeroAndOne_AndNonConvexityIsReportedForBoth()
    {
        // The map's ratio is |λ_min/λ_max| with λ_max the largest Ritz value, so it lies in [0, 1] wherever λ_max is
        // the larger in magnitude, as it is on every measured map (λ_max ≫ |λ_min| near a minimum).
        foreach (string model in new[] { "ResNet-14", "ResNet-14-noshort" })
            Assert.All(_result.Table($"curvature-{model}").Numbers("ratio"), r => Assert.InRange(r, 0, 1));
        Assert.Contains(_result.Findings, f => f.Name == "nonconvexity_gap_depth14");
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
}
