using TheoryLab.Data.Toy;
using TheoryLab.Experiments.Generative;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Generative;

/// <summary>
/// The quick run's numbers against computations made apart: the real scenes' concept frequencies recounted from the
/// same seed and set beside their analytic expectation, and the findings recomputed from the per-unit and
/// per-intervention tables they summarise.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class GanDissectionTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["gan-dissection"].Result;
    private static readonly GanDissectionOptions Quick = new GanDissection().Quick;

    [Fact]
    public void TheRealFrequencies_AreTheJudgedScenesRecounted_AndNearTheExpectedObjectArea()
    {
        var scenes = new SyntheticScenes(Quick.Side, Quick.MaxObjects, Quick.StripedProbability).Sample(Quick.JudgedScenes, Seeds.Derive(0, "gan-dissection judged scenes"));
        var table = _result.Table("concepts");
        var names = table.Texts("concept").ToList();
        Assert.Equal(GanDissection.DissectedConcepts, names);
        // A colour covers E[objects]/3 objects of mean area E[size²] (1 + π/4 + 1/2)/3, size uniform on [5, 10]; a
        // shape E[objects]/3 objects of mean area E[size²] times its factor (1, π/4 or 1/2).
        double meanSquare = (Math.Pow(SyntheticScenes.LargestObject, 3) - Math.Pow(SyntheticScenes.SmallestObject, 3)) / (3 * (SyntheticScenes.LargestObject - SyntheticScenes.SmallestObject));
        double expected = (1 + Quick.MaxObjects) / 2.0 / 3 * meanSquare * (1 + Math.PI / 4 + 0.5) / 3 / (Quick.Side * Quick.Side);
        for (int c = 0; c < names.Count; c++)
        {
            int index = SyntheticScenes.Concepts.ToList().IndexOf(names[c]);
            var fractions = scenes.Select(s => s.Masks[index].Count(p => p) / (double)(Quick.Side * Quick.Side)).ToArray();
            Assert.Equal(fractions.Average(), table.Numbers("real_frequency")[c], 12);
            Assert.Equal(fractions.Average(), _result.Finding($"generated_frequency_{names[c]}").Expected!.Value, 12);
            if (names[c] == "stripes") continue;
            double mean = fractions.Average();
            double error = Math.Sqrt(fractions.Sum(f => (f - mean) * (f - mean)) / (fractions.Length - 1) / fractions.Length);
            double target = index < SyntheticScenes.Shapes.Count
                ? (1 + Quick.MaxObjects) / 2.0 / 3 * SyntheticScenes.Area(SyntheticScenes.Shapes[index], Math.Sqrt(meanSquare)) / (Quick.Side * Quick.Side)
                : expected;
            Assert.InRange(target, mean - 4 * error, mean + 4 * error);
        }
    }

    [Fact]
    public void TheBestIou_IsTheLargestEntryOfItsConceptsRow_AndEveryIouIsAFraction()
    {
        var iou = _result.Table("unit-iou");
        var concept = iou.Numbers("concept_index");
        var values = iou.Numbers("iou");
        Assert.Equal(Quick.Channels * GanDissection.DissectedConcepts.Count, values.Count);
        Assert.All(values, v => Assert.InRange(v, 0, 1));
        for (int c = 0; c < GanDissection.DissectedConcepts.Count; c++)
        {
            double best = Enumerable.Range(0, values.Count).Where(i => concept[i] == c).Max(i => values[i]);
            Assert.Equal(best, _result.Finding($"best_iou_{GanDissection.DissectedConcepts[c]}").Value);
        }
    }

    [Fact]
    public void TheInterventionFindings_AreTheirTablesRowAtTheReportedSize()
    {
        var ablation = _result.Table("ablation");
        var forcing = _result.Table("forcing");
        int at = ablation.Numbers("units").ToList().IndexOf(Quick.ReportedUnits);
        Assert.True(at >= 0);
        foreach (var concept in GanDissection.DissectedConcepts)
        {
            var forced = _result.Finding($"forced_frequency_{concept}");
            Assert.Equal(forcing.Numbers($"aligned_{concept}")[at], forced.Value);
            Assert.Equal(forcing.Numbers($"random_{concept}")[at], forced.Expected!.Value);
            Assert.InRange(forcing.Numbers($"random_{concept}")[at], forcing.Numbers($"random_low_{concept}")[at], forcing.Numbers($"random_high_{concept}")[at]);
            var remaining = _result.Finding($"ablated_remaining_{concept}");
            if (remaining.Outcome != FindingOutcome.Measured) continue;
            Assert.Equal(ablation.Numbers($"aligned_{concept}")[at], remaining.Value, 12);
            Assert.Equal(ablation.Numbers($"random_{concept}")[at], remaining.Expected!.Value, 12);
            var ratio = _result.Finding($"ablation_effect_ratio_{concept}");
            if (ratio.Outcome == FindingOutcome.Measured)
                Assert.Equal((1 - remaining.Value) / (1 - remaining.Expected!.Value), ratio.Value, 9);
        }
    }

    [Fact]
    public void TheComponentsTable_CountsOneComponentPerRealObject_AndTheClassifiedFractionIsItsShapesRowsOverAll()
    {
        var scenes = new SyntheticScenes(Quick.Side, Quick.MaxObjects, Quick.StripedProbability).Sample(Quick.JudgedScenes, Seeds.Derive(0, "gan-dissection judged scenes"));
        var table = _result.Table("components");
        var readings = table.Texts("reading").ToList();
        var real = table.Numbers("real_components");
        var generated = table.Numbers("generated_components");
        Assert.Equal(scenes.Sum(s => s.Objects.Count), real.Sum());
        bool IsShape(int row) => readings[row] is "square" or "disc" or "triangle";
        Assert.Equal(scenes.Sum(s => s.Objects.Count), Enumerable.Range(0, readings.Count).Where(IsShape).Sum(r => real[r]));
        var finding = _result.Finding("classified_component_fraction");
        if (finding.Outcome != FindingOutcome.Measured)
        {
            Assert.Equal(0, generated.Sum());
            return;
        }
        Assert.Equal(Enumerable.Range(0, readings.Count).Where(IsShape).Sum(r => generated[r]) / generated.Sum(), finding.Value, 12);
        Assert.Equal(1, finding.Expected!.Value, 12);
    }

    [Fact]
    public void AReportedSizeOutsideTheInterventionSizes_IsRefusedWithWhatToDo()
    {
        var experiment = new GanDissection();
        var error = Assert.Throws<TheoryLabException>(() => experiment.Validate(Quick with { ReportedUnits = 2 }));
        Assert.Contains("intervention_sizes", error.Message);
        Assert.Throws<TheoryLabException>(() => experiment.Validate(Quick with { Side = 30 }));
        Assert.Throws<TheoryLabException>(() => experiment.Validate(Quick with { InterventionSizes = [1, 4, 32] }));
    }
}
