using TheoryLab.Cli;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Cli;

/// <summary><c>--out</c> as users type it: every form that cannot take a run is refused in one line before any work.</summary>
public class RunOutTests
{
    [Fact]
    public void OutDot_InAFolderOfTheUsersFiles_IsRefused_AndTheFilesStay()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["main.py"], "print('mine')");
        string before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = dir.Path;
            CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--quick", "--out", "."), "holds files and no TheoryLab run");
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
        Assert.Equal([dir["main.py"]], Directory.GetFileSystemEntries(dir.Path));
        Assert.Equal("print('mine')", File.ReadAllText(dir["main.py"]));
    }

    [Fact]
    public void OutWithATrailingSlash_WritesTheDirectoryItNames()
    {
        using var dir = new TempDirectory();
        var (code, stdout, _) = CliHarness.Run("run", "probe", "--quick", "--out", dir["run"] + "/");
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains($"run directory: {dir["run"]}", stdout);
        Assert.Equal("completed", RunRecord.TryRead(dir["run"])!.Status);
    }

    [Theory]
    [InlineData("", "the run directory is an empty path")]
    [InlineData("/", "/ is the root of the file system")]
    public void OutEmptyOrRoot_IsRefused(string path, string message) =>
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--quick", "--out", path), message);

    [Fact]
    public void OutNamingAFile_IsRefused_AndTheFileStays()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["notes.txt"], "mine");
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--quick", "--out", dir["notes.txt"]), $"{dir["notes.txt"]} is a file");
        Assert.Equal("mine", File.ReadAllText(dir["notes.txt"]));
    }

    [Fact]
    public void OutUnderAFile_IsRefusedAsUnwritable()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["file"], "");
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--quick", "--out", dir["file/run"]), $"cannot write the run directory {dir["file/run"]}");
        Assert.Equal([dir["file"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void OutUnderAPlaceNobodyMayWrite_IsRefusedAsUnwritable() =>
        // Not even root may make a directory in /proc.
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--quick", "--out", "/proc/theorylab-run"),
            "cannot write the run directory /proc/theorylab-run (/proc is not writable); choose a writable place with --out DIR.");

    [Fact]
    public void OtherSeedIntoACompletedRun_IsRefusedWithoutForce()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]).Code);
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--quick", "--seed", "1", "--out", dir["run"]), "made with seed 0, not 1; pass --force");
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--seed", "1", "--out", dir["run"], "--force").Code);
        Assert.Equal(1, RunRecord.TryRead(dir["run"])!.Seed);
    }

    [Fact]
    public void SameRunMadeUnderAnotherDefault_IsReplaced_SayingSoOnStderr()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]).Code);
        string record = Path.Combine(dir["run"], RunLayout.RecordFile);
        File.WriteAllText(record, File.ReadAllText(record).Replace("\"sigma_w2\": \"1.5\"", "\"sigma_w2\": \"1.25\""));

        var (code, stdout, stderr) = CliHarness.Run("run", "probe", "--quick", "--out", dir["run"], "--json");
        Assert.Equal(CliApp.Ok, code);
        Assert.Equal($"replacing the run in {dir["run"]}: it was made with sigma_w2 = 1.25, not 1.5.\n", stderr);
        Assert.Contains("\"reused\": false", stdout);
    }

    [Fact]
    public void DryRun_IntoAForeignDirectory_SaysItWouldBeRefused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["thesis.tex"], "");
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("run", "probe", "--out", dir.Path, "--dry-run"), "holds files and no TheoryLab run");
    }
}
