using TheoryLab.Figures;
using TheoryLab.Tests.Conformance;
using TheoryLab.Tests.Figures;

namespace TheoryLab.Tests.Registry;

[Collection(QuickRunsCollection.Name)]
[Trait("Category", QuickRunsCollection.Category)]
public class FigureRulesRegistryTests(QuickRuns quick)
{
    [Fact]
    public void EveryFigureOfEveryExperiment_KeepsItsLegendOffTheData_ItsTicks_AndItsBounds()
    {
        var violations = quick.Runs
            .SelectMany(run => run.Result.Figures.SelectMany(figure => FigureRules.Violations(figure, run.Result.Tables,
                File.ReadAllText(Path.Combine(run.Directory, PgfWriter.Folder, figure.Name + ".tikz")))
                .Select(v => $"{run.Experiment.Id}/{v}")))
            .ToList();
        Assert.Empty(violations);
    }
}
