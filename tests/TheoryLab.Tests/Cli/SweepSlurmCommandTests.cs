using System.Runtime.Versioning;
using TheoryLab.Sweeps;

namespace TheoryLab.Tests.Cli;

/// <summary>
/// <c>sweep --backend slurm</c> against a fake sbatch, a shell script on PATH that records what it was given: what
/// is written and submitted, and what a refused or impossible submission leaves behind (nothing).
/// </summary>
[UnsupportedOSPlatform("windows")] // the fake sbatch is a shell script
public class SweepSlurmCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private static readonly string[] Sweep = ["sweep", "sawtooth", "--quick", "--set", "train_steps=0", "--grid", "depth=2,3", "--backend", "slurm"];

    /// <summary>A PATH of one folder holding an sbatch that runs <paramref name="body"/>.</summary>
    private static Dictionary<string, string> FakeSbatch(TempDirectory dir, string body)
    {
        Directory.CreateDirectory(dir["bin"]);
        File.WriteAllText(dir["bin/sbatch"], "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(dir["bin/sbatch"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new() { ["PATH"] = dir["bin"] };
    }

    [Fact]
    public void Submission_WritesTheScriptAndRecordsTheJob()
    {
        using var dir = new TempDirectory();
        var path = FakeSbatch(dir, $"echo \"$@\" > {dir["sbatch-args"]}\necho '77;theorylab'");
        using var sweep = new SweepProcess(path, [.. Sweep, "--runs", dir["runs"], "--time", "0:10:00"]);
        Assert.True(sweep.Wait(Limit) == 0, sweep.Err);
        Assert.Contains("submitted job 77: 2 runs in 2 array tasks", sweep.Out);
        string directory = Directory.GetDirectories(dir["runs/sawtooth/sweeps"]).Single();
        string script = Path.Combine(SlurmSubmissions.FolderOf(directory), "array-1.sbatch");
        Assert.Equal($"--parsable {script}", File.ReadAllText(dir["sbatch-args"]).Trim());
        Assert.Contains("#SBATCH --time=0:10:00\n", File.ReadAllText(script));
        var submission = SlurmSubmissions.Read(directory).Single();
        Assert.Equal("77", submission.JobId);
        Assert.Equal(2, submission.Tasks.Count);
        Assert.True(File.Exists(SweepLayout.StudyPath(directory)));
    }

    [Fact]
    public void SecondSubmission_WhileTheFirstJobIsQueued_IsRefused_AndWritesNoScript()
    {
        using var dir = new TempDirectory();
        var path = FakeSbatch(dir, "echo 77");
        File.WriteAllText(dir["bin/squeue"], "#!/bin/sh\necho '1|PENDING|Priority'\n");
        File.SetUnixFileMode(dir["bin/squeue"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using (var first = new SweepProcess(path, [.. Sweep, "--runs", dir["runs"]]))
            Assert.True(first.Wait(Limit) == 0, first.Err);
        using var second = new SweepProcess(path, [.. Sweep, "--runs", dir["runs"]]);
        Assert.Equal(1, second.Wait(Limit));
        Assert.Contains("job 77 of this sweep is still queued or running", second.Err);
        string folder = SlurmSubmissions.FolderOf(Directory.GetDirectories(dir["runs/sawtooth/sweeps"]).Single());
        Assert.False(File.Exists(Path.Combine(folder, "array-2.sbatch")));
        Assert.Single(SlurmSubmissions.Read(Path.GetDirectoryName(folder)!));
    }

    [Fact]
    public void RefusedSubmission_SaysWhySbatchRefused_AndLeavesNoScript()
    {
        using var dir = new TempDirectory();
        var path = FakeSbatch(dir, "echo 'sbatch: error: invalid partition specified: nope' >&2\nexit 1");
        using var sweep = new SweepProcess(path, [.. Sweep, "--runs", dir["runs"], "--partition", "nope"]);
        Assert.Equal(1, sweep.Wait(Limit));
        Assert.Contains("sbatch refused the sweep's script", sweep.Err);
        Assert.Contains("invalid partition specified: nope", sweep.Err);
        string folder = SlurmSubmissions.FolderOf(Directory.GetDirectories(dir["runs/sawtooth/sweeps"]).Single());
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void NoSbatch_IsOneLineSayingWhereToRun_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["empty"]);
        using var sweep = new SweepProcess(new Dictionary<string, string> { ["PATH"] = dir["empty"] }, [.. Sweep, "--runs", dir["runs"]]);
        Assert.Equal(1, sweep.Wait(Limit));
        Assert.Contains("error: sbatch is not on PATH; run this on a Slurm login node", sweep.Err);
        Assert.False(Directory.Exists(dir["runs/sawtooth/sweeps"]));
    }

    [Fact]
    public void DryRun_PrintsTheScript_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        using var sweep = new SweepProcess([.. Sweep, "--runs", dir["runs"], "--dry-run"]);
        Assert.True(sweep.Wait(Limit) == 0, sweep.Err);
        Assert.StartsWith("#!/bin/bash\n", sweep.Out);
        Assert.Contains("#SBATCH --array=0-1\n", sweep.Out);
        Assert.False(Directory.Exists(dir["runs"]));
    }

    [Fact]
    public void SlurmOptionWithoutSlurm_IsRefused()
    {
        using var dir = new TempDirectory();
        using var sweep = new SweepProcess(["sweep", "sawtooth", "--quick", "--grid", "depth=2,3", "--runs", dir["runs"], "--partition", "debug"]);
        Assert.Equal(1, sweep.Wait(Limit));
        Assert.Contains("--partition is a Slurm option; add --backend slurm", sweep.Err);
        Assert.False(Directory.Exists(dir["runs"]));
    }
}
