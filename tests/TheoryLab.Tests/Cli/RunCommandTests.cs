using System.Text.Json;
using TheoryLab.Cli;
using TheoryLab.Experiments;

namespace TheoryLab.Tests.Cli;

public class RunCommandTests
{
    [Fact]
    public void Run_Json_PrintsExactlyOneDocumentWithFindings()
    {
        using var dir = new TempDirectory();
        var (code, stdout, _) = CliHarness.Run("run", "probe", "--quick", "--out", dir["run"], "--json");
        Assert.Equal(CliApp.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("probe", root.GetProperty("experiment").GetString());
        Assert.Equal(dir["run"], root.GetProperty("runDir").GetString());
        Assert.Equal(1.5, root.GetProperty("findings").GetProperty("end_value").GetProperty("value").GetDouble());
        Assert.Equal("1", root.GetProperty("findings").GetProperty("end_value").GetProperty("unit").GetString());
    }

    [Fact]
    public void Run_SetAndConfig_ReachTheExperiment_SetWinning()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["c.json"], """{"sigma_w2": 2, "points": 4}""");
        var (code, stdout, _) = CliHarness.Run("run", "probe", "--config", dir["c.json"], "--set", "sigma_w2=3", "--out", dir["run"], "--json");
        Assert.Equal(CliApp.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("findings").GetProperty("end_value").GetProperty("value").GetDouble());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir["run"], "tables", "curve.csv")).Length - 1);
    }

    [Fact]
    public void Run_PrintsAFindingsTableAndTheRunDirectory()
    {
        using var dir = new TempDirectory();
        var (code, stdout, _) = CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]);
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("end_value", stdout);
        Assert.Contains($"run directory: {dir["run"]}", stdout);
    }

    [Fact]
    public void DryRun_PrintsTheCostAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var (code, stdout, _) = CliHarness.Run("run", "probe", "--out", dir["run"], "--dry-run");
        Assert.Equal(CliApp.Ok, code);
        Assert.Contains("probe: 1 computation", stdout);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void DryRun_Json_PrintsExactlyOneDocumentWithTheCost()
    {
        using var dir = new TempDirectory();
        var (code, stdout, _) = CliHarness.Run("run", "probe", "--out", dir["run"], "--dry-run", "--json");
        Assert.Equal(CliApp.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("probe", doc.RootElement.GetProperty("experiment").GetString());
        Assert.Equal(dir["run"], doc.RootElement.GetProperty("runDir").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("cost").GetProperty("units").GetInt64());
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void SawtoothQuickAtDepth7_IsAccepted_WithItsTrainingPointsDerived()
    {
        var (code, stdout, stderr) = CliHarness.Run(ExperimentRegistry.Default, "run", "sawtooth", "--quick", "--set", "depth=7", "--dry-run", "--json");
        Assert.Equal((CliApp.Ok, ""), (code, stderr));
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("sawtooth", doc.RootElement.GetProperty("experiment").GetString());
    }

    [Theory]
    [InlineData("unknown experiment 'prob' (did you mean probe?)", "run", "prob")]
    [InlineData("unknown option 'pionts' for probe; valid options: points, sigma_w2", "run", "probe", "--set", "pionts=3")]
    [InlineData("option 'points' expects an integer, got 'three'", "run", "probe", "--set", "points=three")]
    [InlineData("option 'sigma_w2' = 11 is out of range: must be [0, 10]", "run", "probe", "--set", "sigma_w2=11")]
    [InlineData("--set expects name=value, got 'points'", "run", "probe", "--set", "points")]
    [InlineData("--device must be cpu or cuda, got 'tpu'", "run", "probe", "--device", "tpu")]
    [InlineData("--device cuda needs a CUDA build of libtorch", "run", "probe", "--device", "cuda")]
    public void BadInput_GetsOneLineOnStderr_NonZeroExit_AndNoRunDirectory(string message, params string[] args)
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = CliHarness.Run([.. args, "--out", dir["run"]]);
        Assert.NotEqual(CliApp.Ok, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", stderr);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void Describe_UnknownExperiment_SuggestsTheClosest()
    {
        var (code, _, stderr) = CliHarness.Run("describe", "prboe");
        Assert.Equal(CliApp.UserError, code);
        Assert.Equal("error: unknown experiment 'prboe' (did you mean probe?); 'theorylab list' shows them all.", stderr.TrimEnd());
    }

    [Fact]
    public void BadInput_MissingConfigFile_SaysWhichFile()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = CliHarness.Run("run", "probe", "--config", dir["absent.json"], "--out", dir["run"]);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains($"cannot read the config file {dir["absent.json"]}", stderr);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void BadInput_CorruptConfigFile_SaysItIsNotJson()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["c.json"], "{ points: ");
        var (code, _, stderr) = CliHarness.Run("run", "probe", "--config", dir["c.json"], "--out", dir["run"]);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains($"{dir["c.json"]} is not valid JSON", stderr);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void BadInput_UnwritableOutputDirectory_SaysToChooseAnother()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["file"], "");
        var (code, _, stderr) = CliHarness.Run("run", "probe", "--quick", "--out", dir["file/run"]);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("cannot write the run directory", stderr);
        Assert.Contains("--out DIR", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void BadInput_UnknownFlag_IsAUsageError()
    {
        var (code, _, stderr) = CliHarness.Run("run", "probe", "--sed", "3");
        Assert.Equal(CliApp.UsageError, code);
        Assert.StartsWith("error: ", stderr);
    }
}
