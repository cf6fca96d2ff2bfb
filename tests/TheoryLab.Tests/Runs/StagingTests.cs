using System.Diagnostics;
using TheoryLab.Runs;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Runs;

/// <summary>Staging directories left by a process that died are removed by the next run beside them, and nothing else is.</summary>
public class StagingTests
{
    private static readonly ProbeExperiment Probe = new();

    private static int ExitedProcessId()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    private static IEnumerable<string> Hidden(string directory) => Directory.GetDirectories(directory, ".*").Select(Path.GetFileName)!;

    [Fact]
    public void StagingOfADeadProcess_IsRemovedByTheNextRunBesideIt()
    {
        using var dir = new TempDirectory();
        string abandoned = Staging.Create(dir["killed"], ExitedProcessId());
        File.WriteAllText(Path.Combine(abandoned, "curve.csv"), "x,y");

        var outcome = Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });

        Assert.False(Directory.Exists(abandoned));
        Assert.Equal([dir["run"]], Directory.GetFileSystemEntries(dir.Path));
        Assert.Empty(Directory.GetFiles(outcome.Directory, ".*"));
    }

    [Fact]
    public void StagingOfALiveProcess_IsKept()
    {
        using var dir = new TempDirectory();
        string running = Staging.Create(dir["elsewhere"]);
        Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        Assert.True(Directory.Exists(running));
    }

    [Fact]
    public void HiddenDirectoryWithoutTheMarker_IsKept()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir[".notes.partial-draft"]);
        File.WriteAllText(dir[".notes.partial-draft/draft.txt"], "mine");
        Runner.Run(new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] });
        Assert.Equal("mine", File.ReadAllText(dir[".notes.partial-draft/draft.txt"]));
        Assert.Equal([".notes.partial-draft"], Hidden(dir.Path));
    }
}
