using TheoryLab.Data.Mnist1D;

namespace TheoryLab.Tests.Data.Mnist1D;

/// <summary>
/// The generated dataset against the published one. Tolerances come from the generator itself: six seeds give
/// fifteen generated-vs-generated distances per statistic, whose mean + 3 sd bounds what one more draw from
/// the same distribution should show. The published set must look like one more draw, and generators with one
/// parameter changed must not (so the comparison can fail).
/// </summary>
public class Mnist1DGeneratorMatchesPublishedTests
{
    private static readonly Lazy<Mnist1DData[]> Generated = new(() => [.. Enumerable.Range(1, 6).Select(seed => Mnist1DGenerator.Generate(seed))]);

    private static readonly Lazy<Mnist1DData?> Published = new(() =>
        SharedDatasets.PathOf("mnist1d/train_x.csv") is null ? null : Mnist1DPublished.Load(SharedDatasets.PathOf("mnist1d")!));

    [SharedDataFact("mnist1d/train_x.csv")]
    public void PublishedSet_IsWithinTheGeneratorsOwnSpread_OnEveryStatistic()
    {
        var failures = Mismatches(Published.Value!);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SharedDataFact("mnist1d/train_x.csv")]
    public void Comparison_DetectsHalvedTranslation() =>
        Assert.Contains(Mismatches(Mnist1DGenerator.Generate(99, new() { MaxTranslation = 24 })), m => m.StartsWith("per-class mean", StringComparison.Ordinal));

    [SharedDataFact("mnist1d/train_x.csv")]
    public void Comparison_DetectsStrongerCorrelatedNoise() =>
        Assert.Contains(Mismatches(Mnist1DGenerator.Generate(99, new() { CorrelatedNoiseScale = 0.35 })), m => m.StartsWith("quantiles of all values", StringComparison.Ordinal));

    [SharedDataFact("mnist1d/train_x.csv")]
    public void Comparison_DetectsWiderScaleRange() =>
        Assert.Contains(Mismatches(Mnist1DGenerator.Generate(99, new() { ScaleCoefficient = 0.8 })), m => m.StartsWith("quantiles of peak-to-peak", StringComparison.Ordinal));

    [SharedDataFact("mnist1d/train_x.csv")]
    public void PublishedAndGenerated_HaveFiveHundredOfEachDigitAndBalancedTrainingSplits()
    {
        foreach (var data in new[] { Published.Value!, Generated.Value[0] })
        {
            var all = Mnist1DStatistics.Pooled(data);
            Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(500, all.Labels.Count(l => l == c)));
            // A random 4000/1000 split of 500 per class puts hypergeometric(5000, 500, 4000) of each class in
            // training: mean 400, sd 8.5; 4 sd is 34.
            Assert.All(Enumerable.Range(0, 10), c => Assert.InRange(data.Splits.Train.Labels.Count(l => l == c), 366, 434));
        }
    }

    /// <summary>Statistics on which <paramref name="candidate"/> differs from the published set more than generated sets differ from each other.</summary>
    private static List<string> Mismatches(Mnist1DData candidate)
    {
        var reference = Published.Value!;
        var failures = new List<string>();
        foreach (var (name, compute, generated, mean, sd) in NullDistributions.Value)
        {
            double bound = mean + 3 * sd;
            var target = compute(candidate);
            double distance = ReferenceEquals(candidate, reference)
                ? generated.Average(g => Mnist1DStatistics.Distance(g, target))
                : Mnist1DStatistics.Distance(compute(reference), target);
            if (distance > bound) failures.Add($"{name}: distance {distance:G3} > bound {bound:G3} (generated vs generated {mean:G3} ± {sd:G3})");
        }
        return failures;
    }

    /// <summary>Per statistic: its value on each generated set, and the mean and sd of the distances between those values.</summary>
    private static readonly Lazy<List<(string Name, Func<Mnist1DData, double[]> Compute, double[][] Generated, double Mean, double Sd)>> NullDistributions = new(() =>
        [.. Mnist1DStatistics.All.Select(statistic =>
        {
            var generated = Generated.Value.Select(statistic.Compute).ToArray();
            var distances = new List<double>();
            for (int i = 0; i < generated.Length; i++)
                for (int j = i + 1; j < generated.Length; j++)
                    distances.Add(Mnist1DStatistics.Distance(generated[i], generated[j]));
            double mean = distances.Average();
            double sd = Math.Sqrt(distances.Sum(d => (d - mean) * (d - mean)) / (distances.Count - 1));
            return (statistic.Name, statistic.Compute, generated, mean, sd);
        })]);
}
