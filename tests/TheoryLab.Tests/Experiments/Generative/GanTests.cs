using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Data.Toy;
using TheoryLab.Experiments.Generative;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Generative;

/// <summary>
/// The quick run's numbers against computations made apart: the target's own samples (drawn again here from the same
/// seed) recounted by brute force over every mode and set beside the exact Rayleigh and entropy values, and the
/// Fréchet distances ordered as any feature space must order them (real against real far below noise against real).
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class GanTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["gan"].Result;
    private static readonly GanOptions Quick = new Gan().Quick;

    [Theory]
    [InlineData("ring")]
    [InlineData("grid")]
    public void TheTargetRow_IsABruteForceRecountOfTheTargetsOwnSamples_AndNearTheExactValues(string layout)
    {
        var target = layout == "ring" ? PlanarMixture.Ring() : PlanarMixture.Grid();
        int n = Quick.PlanarSamples;
        var points = target.Sample(n, Seeds.Derive(0, $"gan {layout} target samples"));
        int within = 0;
        var hits = new int[target.Modes];
        for (int i = 0; i < n; i++)
        {
            var distances = target.Means.Select(m => Math.Sqrt(Math.Pow(points[2 * i] - m.X, 2) + Math.Pow(points[2 * i + 1] - m.Y, 2))).ToArray();
            int nearest = Array.IndexOf(distances, distances.Min());
            if (distances[nearest] <= 3 * target.Sigma) { within++; hits[nearest]++; }
        }
        var table = _result.Table("targets");
        int row = table.Texts("layout").ToList().IndexOf(layout);
        Assert.Equal((double)within / n, table.Numbers("high_quality_fraction")[row], 12);
        Assert.Equal(hits.Count(h => h >= Quick.ModeHitThreshold), (int)table.Numbers("modes_hit")[row]);
        Assert.Equal(target.Modes, (int)table.Numbers("modes_hit")[row]);

        double p = 1 - Math.Exp(-4.5);
        Assert.Equal(p, _result.Finding($"target_high_quality_{layout}").Expected!.Value, 15);
        Assert.InRange(table.Numbers("high_quality_fraction")[row], p - 4 * Math.Sqrt(p * (1 - p) / n), p + 4 * Math.Sqrt(p * (1 - p) / n));
        double minusEntropy = -Math.Log(target.Modes) - Math.Log(2 * Math.PI * Math.E * target.Sigma * target.Sigma);
        Assert.Equal(minusEntropy, table.Numbers("target_mean_log_density")[row], 12);
        Assert.InRange(table.Numbers("mean_log_density")[row], minusEntropy - 4 / Math.Sqrt(n), minusEntropy + 4 / Math.Sqrt(n));
    }

    [Fact]
    public void EveryTwoDimensionalGan_IsJudgedOnEveryLayoutAndLoss_WithFindingsBesideTheTargetsValues()
    {
        foreach (var layout in Quick.Layouts)
            foreach (var loss in Quick.Losses)
            {
                string key = $"{layout}_{loss.Replace('-', '_')}";
                Assert.Equal(layout == "ring" ? 8 : 25, _result.Finding($"modes_hit_{key}").Expected);
                Assert.Equal(PlanarSampleQuality.TargetHighQualityFraction(3), _result.Finding($"high_quality_{key}").Expected);
                Assert.InRange(_result.Finding($"high_quality_{key}").Value, 0, 1);
            }
    }

    [Fact]
    public void TheRealAgainstRealFloor_IsFarBelowTheUntrainedGeneratorsDistance_AndTheClassifierLearnedTheDigits()
    {
        Assert.True(_result.Finding("classifier_accuracy").Value > 0.8, $"feature classifier accuracy {_result.Finding("classifier_accuracy").Value}");
        double floor = _result.Finding("frechet_floor").Value, initial = _result.Finding("frechet_initial").Value;
        Assert.True(floor > 0, "two finite real samples are never at distance 0");
        Assert.True(floor < initial / 10, $"floor {floor} against the untrained generator's {initial}");
        var shares = _result.Table("class-shares");
        Assert.Equal(1, shares.Numbers("generated_share").Sum(), 9);
        Assert.Equal(1, shares.Numbers("real_share").Sum(), 9);
    }
}
