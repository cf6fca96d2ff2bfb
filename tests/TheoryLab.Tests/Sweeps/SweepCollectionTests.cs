using TheoryLab.Data;
using TheoryLab.Runs;
using TheoryLab.Sweeps;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Sweeps;

public class SweepCollectionTests
{
    private static readonly ProbeExperiment Probe = new();
    private static readonly Study Study = new("probe", [GridAxis.Of("sigma_w2", "1,2")], [0, 1], Quick: true, []);

    private static SweepPlan Plan(TempDirectory dir) => SweepPlan.For(Study, Probe, dir["runs"], DataStore.Default);

    [Fact]
    public void Tables_AreCurrentUntilAnotherRunCompletes()
    {
        using var dir = new TempDirectory();
        Runner.Run(Plan(dir).Runs[0].Request);
        Assert.False(SweepCollection.IsCurrent(Plan(dir)));

        var written = SweepCollection.Write(Plan(dir));
        Assert.Equal(1, written.CompleteRuns);
        Assert.True(SweepCollection.IsCurrent(Plan(dir)));

        Runner.Run(Plan(dir).Runs[3].Request);
        Assert.False(SweepCollection.IsCurrent(Plan(dir)));
        SweepCollection.Write(Plan(dir));
        Assert.True(SweepCollection.IsCurrent(Plan(dir)));
    }

    [Fact]
    public void ReplacedRun_MakesTheTablesStale()
    {
        using var dir = new TempDirectory();
        var run = Plan(dir).Runs[0].Request;
        Runner.Run(run);
        SweepCollection.Write(Plan(dir));
        File.SetLastWriteTimeUtc(SweepLayout.TablePath(Plan(dir).Directory, "end_value"), DateTime.UtcNow.AddMinutes(-1));
        Runner.Run(run with { Force = true });
        Assert.False(SweepCollection.IsCurrent(Plan(dir)));
    }

    [Fact]
    public void Write_PutsTheStudyTablesAndFiguresInTheSweepsDirectory()
    {
        using var dir = new TempDirectory();
        foreach (var run in Plan(dir).Runs) Runner.Run(run.Request);
        var written = SweepCollection.Write(Plan(dir));
        Assert.Equal(Path.Combine(Path.GetFullPath(dir["runs"]), "probe", "sweeps", Study.Hash), written.Directory);
        Assert.Equal(StudyFile.Write(Study), File.ReadAllText(SweepLayout.StudyPath(written.Directory)));
        Assert.Equal(["1,2,2,1,0,0,0,1,1", "2,2,2,2,0,0,0,2,2"], File.ReadAllLines(SweepLayout.TablePath(written.Directory, "end_value"))[1..]);
        foreach (string extension in new[] { ".png", ".tikz", ".tex" })
            Assert.True(File.Exists(SweepLayout.FigurePath(written.Directory, "end-value-vs-sigma-w2", extension)), extension);
        Assert.Contains(@"Sweep of \texttt{probe} from TheoryLab's quick settings over \texttt{sigma\_w2}~=~1, 2; seeds 0 and 1.",
            File.ReadAllText(SweepLayout.FigurePath(written.Directory, "end-value-vs-sigma-w2", ".tex")));
    }
}
