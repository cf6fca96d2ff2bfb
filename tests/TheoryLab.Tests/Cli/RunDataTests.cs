using System.Text.Json;
using TheoryLab.Cli;
using TheoryLab.Experiments;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Cli;

/// <summary>Data are checked before a run starts and before its cost is announced; a data error found in the run leaves nothing.</summary>
public class RunDataTests
{
    private readonly DataProbeExperiment _probe = new();

    private (int Code, string Out, string Err) Run(params string[] args) => CliHarness.RunWith(new ExperimentRegistry([_probe]), args);

    [Fact]
    public void MissingDataFile_IsRefusedBeforeTheRunAndItsCostEstimate_LeavingNothing()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["data"]);
        var result = Run("run", "data-probe", "--set", "dataset=mnist1d-published", "--set", "hours=0.5", "--data-dir", dir["data"], "--out", dir["run"]);
        CliHarness.AssertRefusedInOneLine(result, "the published MNIST-1D files train_x.csv, train_y.csv, test_x.csv, test_y.csv are not in");
        Assert.Equal(0, _probe.Estimates);
        Assert.Equal(0, _probe.Runs);
        Assert.Equal([dir["data"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void DataDirNamingAFile_IsRefusedBeforeTheRun()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["data"], "");
        var result = Run("run", "data-probe", "--set", "dataset=mnist1d-published", "--data-dir", dir["data"], "--out", dir["run"]);
        CliHarness.AssertRefusedInOneLine(result, $"the data directory {dir["data"]} is a file; pass --data-dir DIR");
        Assert.Equal(0, _probe.Runs);
        Assert.Equal([dir["data"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void UnknownDataset_IsRefusedBeforeTheRun()
    {
        using var dir = new TempDirectory();
        CliHarness.AssertRefusedInOneLine(Run("run", "data-probe", "--set", "dataset=mnsit", "--out", dir["run"]), "no dataset is called 'mnsit'");
        Assert.Equal(0, _probe.Runs);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void CorruptDataFile_FoundInTheRun_LeavesNoRunDirectoryNorItsParents()
    {
        using var dir = new TempDirectory();
        DataProbeExperiment.WritePublishedMnist1D(dir["data"], firstTrainRow: "0.1,oops,0.3");
        var result = Run("run", "data-probe", "--set", "dataset=mnist1d-published", "--data-dir", dir["data"], "--out", dir["runs/data-probe/first"]);
        CliHarness.AssertRefusedInOneLine(result, "line 1, field 2 ('oops') is not a number; the file is damaged");
        Assert.Equal(1, _probe.Runs);
        Assert.Equal([dir["data"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void PresentDataFiles_PassTheCheckAndAreRead()
    {
        using var dir = new TempDirectory();
        DataProbeExperiment.WritePublishedMnist1D(dir["data"]);
        var (code, stdout, _) = Run("run", "data-probe", "--set", "dataset=mnist1d-published", "--data-dir", dir["data"], "--out", dir["run"], "--json");
        Assert.Equal(CliApp.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("findings").GetProperty("examples").GetProperty("value").GetDouble());
    }
}
