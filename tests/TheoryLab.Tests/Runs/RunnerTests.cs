using System.Text.Json;
using TheoryLab.Kernel;
using TheoryLab.Runs;
using TheoryLab.Tests.Experiments;
using TheoryLab.Torch;

namespace TheoryLab.Tests.Runs;

public class RunnerTests
{
    private static readonly ProbeExperiment Probe = new();

    [Fact]
    public void Run_WritesRecordFindingsTablesFiguresAndBibliography()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        string[] expected =
        [
            "run.json", "findings.json", "refs.bib", "tables/curve.csv",
            "figures/curve.png", "figures/curve.tikz", "figures/curve.tex", "figures/curve.json",
        ];
        foreach (var file in expected) Assert.True(File.Exists(Path.Combine(outcome.Directory, file)), file);
        Assert.Equal("completed", RunRecord.TryRead(outcome.Directory)!.Status);
        Assert.Equal(1.5, outcome.Findings.Single(f => f.Name == "end_value").Value);
        Assert.Contains("@article{lecun1998gradient", File.ReadAllText(Path.Combine(outcome.Directory, "refs.bib")));
    }

    [Fact]
    public void Run_DescribesEachFigure_AsTheColumnsOfTheTablesItDraws()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        var description = FigureDescription.TryRead(outcome.Directory, "curve")!;
        Assert.Equal(new FigureAxis("y = σ_w² x²", false), description.Y);
        Assert.Equal([("line", "curve", "x,y", "theory"), ("markers", "curve", "x,y", "samples")],
            description.Series.Select(s => (s.Kind, s.Table, string.Join(',', s.Columns), s.Label)));
        Assert.Null(FigureDescription.TryRead(outcome.Directory, "no-such-figure"));
    }

    [Fact]
    public void Run_CsvHoldsEveryPointTheFigureShows()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        var lines = File.ReadAllLines(RunLayout.TablePath(outcome.Directory, "curve"));
        Assert.Equal(["x,y", "0,0", "0.25,0.09375", "0.5,0.375", "0.75,0.84375", "1,1.5"], lines);
    }

    [Fact]
    public void Run_FigureSnippetCaptionStatesTheOptionsThatDifferFromThePapersAndTheSeed()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Defaults with { Points = 7 }) { OutputDirectory = dir["run"], Seed = 3 });
        string snippet = File.ReadAllText(RunLayout.FigurePath(outcome.Directory, "curve", ".tex"));
        Assert.Contains(@"\input{figures/curve.tikz}", snippet);
        Assert.Contains(@"with the paper's settings except \texttt{points}~=~7; seed 3.", snippet);
        Assert.DoesNotContain("sigma", snippet);
        Assert.Contains(@"\label{fig:probe-curve}", snippet);
    }

    [Fact]
    public void Run_PngHasThePageWidthAtTheHouseDpi()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        var bytes = File.ReadAllBytes(RunLayout.FigurePath(outcome.Directory, "curve", ".png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        Assert.Equal((int)Math.Round(5.5 * 200), width);
    }

    [Fact]
    public void Run_SameOptionsAndSeed_GiveTheSameNumbers()
    {
        using var dir = new TempDirectory();
        var a = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["a"], Seed = 7 });
        var b = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["b"], Seed = 7 });
        var c = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["c"], Seed = 8 });
        Assert.Equal(a.Findings, b.Findings);
        Assert.NotEqual(a.Findings.Single(f => f.Name == "noise").Value, c.Findings.Single(f => f.Name == "noise").Value);
    }

    [Fact]
    public void Run_IdenticalCompletedRun_IsReusedUnlessForced()
    {
        using var dir = new TempDirectory();
        var request = new RunRequest(Probe, Probe.Quick) { Root = dir.Path };
        Assert.False(Runner.Run(request).Reused);
        Assert.True(Runner.Run(request).Reused);
        Assert.False(Runner.Run(request with { Force = true }).Reused);
    }

    [Fact]
    public void Run_DefaultDirectory_IsRootExperimentRunId()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { Root = dir.Path, Seed = 2 });
        Assert.Equal(Path.Combine(dir.Path, "probe", RunId.For(Probe, Probe.Quick, 2, ComputeDevice.Cpu)), outcome.Directory);
        Assert.StartsWith("seed2-", Path.GetFileName(outcome.Directory));
    }

    [Fact]
    public void Run_FailingExperiment_LeavesOnlyARecordMarkedFailed()
    {
        using var dir = new TempDirectory();
        var options = Probe.Quick with { Fail = true };
        Assert.Throws<InvalidOperationException>(() => Runner.Run(new RunRequest(Probe, options) { OutputDirectory = dir["run"] }));
        Assert.Equal(["run.json"], Directory.GetFileSystemEntries(dir["run"]).Select(Path.GetFileName));
        var record = RunRecord.TryRead(dir["run"])!;
        Assert.Equal("failed", record.Status);
        Assert.Equal("probe failed on purpose", record.Error);
        Assert.Equal([dir["run"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Run_Cancelled_IsMarkedFailedAndLeavesNoPartialFiles()
    {
        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var ctrlCMidway = new CancelAfter(cancel, steps: 10);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Runner.Run(new RunRequest(Probe, Probe.Defaults) { OutputDirectory = dir["run"], Cancellation = cancel.Token, Progress = ctrlCMidway }));
        Assert.Equal(["run.json"], Directory.GetFileSystemEntries(dir["run"]).Select(Path.GetFileName));
        Assert.Equal("interrupted before it finished", RunRecord.TryRead(dir["run"])!.Error);
    }

    [Fact]
    public void Run_FailedForcedRerun_KeepsTheEarlierCompletedRun()
    {
        using var dir = new TempDirectory();
        Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        Assert.Throws<InvalidOperationException>(() => Runner.Run(new RunRequest(Probe, Probe.Quick with { Fail = true }) { OutputDirectory = dir["run"], Force = true }));
        Assert.Equal("completed", RunRecord.TryRead(dir["run"])!.Status);
        Assert.True(File.Exists(Path.Combine(dir["run"], "findings.json")));
    }

    [Fact]
    public void Run_UnwritableDirectory_FailsWithAMessageAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["blocker"], "a file where a directory should be");
        var e = Assert.Throws<TheoryLabException>(() => Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["blocker/run"] }));
        Assert.Contains("cannot write the run directory", e.Message);
        Assert.Equal([dir["blocker"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void RunRecord_HoldsOptionsSeedProvenanceAndTiming()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"], Seed = 5 });
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "run.json")));
        var root = json.RootElement;
        Assert.Equal("5", root.GetProperty("options").GetProperty("points").GetString());
        Assert.Equal(5, root.GetProperty("seed").GetInt32());
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.StartsWith("2.10", root.GetProperty("provenance").GetProperty("libtorch").GetString());
        Assert.True(root.GetProperty("wallSeconds").GetDouble() >= 0);
        Assert.Equal("completed", root.GetProperty("status").GetString());
    }

    [Fact]
    public void RunId_DependsOnNonDefaultOptionsAndSeedOnly()
    {
        string a = RunId.For(Probe, Probe.Defaults, 0, ComputeDevice.Cpu);
        Assert.Equal(a, RunId.For(Probe, Probe.Defaults with { }, 0, ComputeDevice.Cpu));
        Assert.NotEqual(a, RunId.For(Probe, Probe.Defaults with { Points = 9 }, 0, ComputeDevice.Cpu));
        Assert.NotEqual(a, RunId.For(Probe, Probe.Defaults, 1, ComputeDevice.Cpu));
    }

    /// <summary>Cancels like a Ctrl-C once the run has made <paramref name="steps"/> steps of progress.</summary>
    private sealed class CancelAfter(CancellationTokenSource source, int steps) : IProgressSink, IProgressTask
    {
        private int _done;

        public IProgressTask Start(string description, long total) => this;

        public void Advance(long count = 1, string? status = null)
        {
            if ((_done += (int)count) >= steps) source.Cancel();
        }

        public void Dispose() { }
    }
}
