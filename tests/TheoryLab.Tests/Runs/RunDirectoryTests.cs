using TheoryLab.Data;
using TheoryLab.Runs;
using TheoryLab.Tests.Experiments;
using TheoryLab.Tests.Report;

namespace TheoryLab.Tests.Runs;

/// <summary>TheoryLab replaces only what it can prove it wrote: a directory whose run.json it wrote for the same experiment.</summary>
public class RunDirectoryTests
{
    private static readonly ProbeExperiment Probe = new();

    private static RunRequest Into(string directory, int seed = 0) => new(Probe, Probe.Quick) { OutputDirectory = directory, Seed = seed };

    [Fact]
    public void Run_IntoADirectoryOfTheUsersFiles_IsRefusedAndLeavesThemAlone()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["mydocs"]);
        File.WriteAllText(dir["mydocs/thesis.tex"], "my thesis");
        var e = Assert.Throws<TheoryLabException>(() => Runner.Run(Into(dir["mydocs"])));
        Assert.Contains("holds files and no TheoryLab run", e.Message);
        Assert.Contains("--out DIR", e.Message);
        Assert.Equal("my thesis", File.ReadAllText(dir["mydocs/thesis.tex"]));
        Assert.Equal([dir["mydocs/thesis.tex"]], Directory.GetFileSystemEntries(dir["mydocs"]));
        Assert.Equal([dir["mydocs"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Run_IntoTheRootOfEarlierRuns_IsRefusedAndKeepsThem()
    {
        using var dir = new TempDirectory();
        var earlier = Runner.Run(new RunRequest(Probe, Probe.Quick) { Root = dir["runs"] });
        Assert.Throws<TheoryLabException>(() => Runner.Run(Into(dir["runs"])));
        Assert.Equal("completed", RunRecord.TryRead(earlier.Directory)!.Status);
    }

    [Fact]
    public void Run_IntoAnotherExperimentsRun_IsRefusedEvenWithForce()
    {
        using var dir = new TempDirectory();
        var lengthMap = new LengthMapExperiment();
        Runner.Run(new RunRequest(lengthMap, lengthMap.Quick) { OutputDirectory = dir["run"] });
        var e = Assert.Throws<TheoryLabException>(() => Runner.Run(Into(dir["run"]) with { Force = true }));
        Assert.Contains("holds a run of length-map, not of probe", e.Message);
        Assert.Equal("length-map", RunRecord.TryRead(dir["run"])!.Experiment);
    }

    [Fact]
    public void Run_OtherSeedIntoACompletedRun_IsRefusedWithoutForce_AndReplacesItWithForce()
    {
        using var dir = new TempDirectory();
        Runner.Run(Into(dir["run"], seed: 1));
        var e = Assert.Throws<TheoryLabException>(() => Runner.Run(Into(dir["run"], seed: 2)));
        Assert.Contains("made with seed 1, not 2; pass --force", e.Message);
        Assert.Equal(1, RunRecord.TryRead(dir["run"])!.Seed);

        var forced = Runner.Run(Into(dir["run"], seed: 2) with { Force = true });
        Assert.False(forced.Reused);
        Assert.Equal(2, RunRecord.TryRead(dir["run"])!.Seed);
        Assert.Equal([dir["run"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Run_IntoAFailedRunOfTheSameExperiment_ReplacesItWithoutForce()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidOperationException>(() => Runner.Run(new RunRequest(Probe, Probe.Quick with { Fail = true }) { OutputDirectory = dir["run"], Seed = 1 }));
        var outcome = Runner.Run(Into(dir["run"], seed: 2));
        Assert.Equal("completed", outcome.Record.Status);
        Assert.Equal(2, RunRecord.TryRead(dir["run"])!.Seed);
    }

    [Fact]
    public void Run_IntoAnEmptyDirectory_WritesTheRunThere()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["empty"]);
        var outcome = Runner.Run(Into(dir["empty"]));
        Assert.Equal(dir["empty"], outcome.Directory);
        Assert.Equal("completed", RunRecord.TryRead(dir["empty"])!.Status);
    }

    [Fact]
    public void Run_WithATrailingSlash_WritesTheDirectoryItNames()
    {
        using var dir = new TempDirectory();
        var outcome = Runner.Run(Into(dir["run"] + "/"));
        Assert.Equal(dir["run"], outcome.Directory);
        Assert.Equal([dir["run"]], Directory.GetFileSystemEntries(dir.Path));
        Assert.True(Runner.Run(Into(dir["run"] + "/")).Reused);
    }

    [Fact]
    public void Run_UserErrorInTheRun_LeavesNoRunDirectoryNorTheParentsItCreated()
    {
        using var dir = new TempDirectory();
        DataProbeExperiment.WritePublishedMnist1D(dir["data"], firstTrainRow: "not,a,number");
        var reader = new DataProbeExperiment();
        var request = new RunRequest(reader, reader.Quick with { Dataset = "mnist1d-published" }) { Root = dir["runs"], Data = new DataStore(dir["data"]) };
        Assert.Throws<TheoryLabException>(() => Runner.Run(request));
        Assert.Equal(1, reader.Runs);
        Assert.Equal([dir["data"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("", "is an empty path")]
    [InlineData("/", "is the root of the file system")]
    public void Resolve_PathsThatCannotNameARunDirectory_AreRefused(string path, string message)
    {
        var e = Assert.Throws<TheoryLabException>(() => RunPath.Resolve(path));
        Assert.Contains(message, e.Message);
        Assert.Contains("--out DIR", e.Message);
    }

    [Fact]
    public void Resolve_AnExistingFile_IsRefused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["notes.txt"], "mine");
        var e = Assert.Throws<TheoryLabException>(() => Runner.Run(Into(dir["notes.txt"])));
        Assert.Equal($"{dir["notes.txt"]} is a file; name a directory for the run with --out DIR.", e.Message);
        Assert.Equal("mine", File.ReadAllText(dir["notes.txt"]));
    }
}
