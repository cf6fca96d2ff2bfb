using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Report;
using TheoryLab.Runs;
using TheoryLab.Sweeps;

namespace TheoryLab.Tests.Report;

/// <summary><c>report add</c> of a sweep: two real sawtooth runs (quick, untrained: about a second each), collected, then added.</summary>
public class SweepReportTests
{
    private static SweepPlan Sawtooth(TempDirectory dir)
    {
        var study = new Study("sawtooth", [GridAxis.Parse("depth=2,3")], [0, 1], Quick: true, [KeyValuePair.Create("train_steps", "0")]);
        return SweepPlan.For(study, ExperimentRegistry.Default.Get("sawtooth"), dir["runs"], DataStore.Default);
    }

    [Fact]
    public void AddedSweep_BringsItsFiguresWithTheGridAndSeedsInTheCaption_ItsStudyFileAndItsCitations()
    {
        using var dir = new TempDirectory();
        var plan = Sawtooth(dir);
        foreach (var run in plan.Runs) Runner.Run(run.Request);
        SweepCollection.Write(SweepPlan.For(plan.Study, plan.Experiment, plan.Root, DataStore.Default));
        var report = ReportProject.Create(dir["report"], "A sweep", "A. Student");

        var added = report.Add(plan.Directory).Runs.Single();

        string prefix = $"sawtooth-sweep-{plan.Study.Hash}";
        Assert.Equal(prefix, added.Prefix);
        var figure = added.Figures.Single(f => f.Name == "linear-pieces-vs-depth");
        string snippet = File.ReadAllText(Path.Combine(report.Directory, figure.Snippet));
        Assert.Contains(@"over \texttt{depth}~=~2, 3; seeds 0 and 1.", snippet);
        Assert.True(File.Exists(Path.Combine(report.Directory, figure.Picture)));
        Assert.Equal(File.ReadAllText(SweepLayout.StudyPath(plan.Directory)), File.ReadAllText(SweepLayout.StudyPath(ReportLayout.RunCopy(report.Directory, prefix))));
        Assert.True(File.Exists(SweepLayout.TablePath(ReportLayout.RunCopy(report.Directory, prefix), "linear_pieces")));
        string bibliography = File.ReadAllText(report.BibliographyPath);
        var papers = RunRecord.TryRead(plan.Runs[0].Directory)!.Papers;
        Assert.NotEmpty(papers);
        Assert.All(papers, key => Assert.Contains("{" + key + ",", bibliography));
        Assert.Empty(ReportProject.Open(report.Directory).RunRecords()); // a sweep has no run.json for the methods paragraph
    }

    [Fact]
    public void SweepWithoutTables_IsRefusedSayingToCollectIt()
    {
        using var dir = new TempDirectory();
        var plan = Sawtooth(dir);
        SweepCollection.WriteStudy(plan);
        var report = ReportProject.Create(dir["report"], "A sweep", "A. Student");
        var error = Assert.Throws<TheoryLabException>(() => report.Add(plan.Directory));
        Assert.Contains("has no tables yet; write them with 'theorylab sweep collect", error.Message);
        Assert.Empty(ReportProject.Open(report.Directory).Manifest.Runs);
    }
}
