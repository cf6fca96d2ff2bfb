using TheoryLab.Cli;
using TheoryLab.Cli.Commands;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Cli;

/// <summary>A run estimated at hours, or at more memory than the machine has, starts only with --yes.</summary>
public class RunCostTests
{
    private readonly DataProbeExperiment _probe = new();

    private (int Code, string Out, string Err) Run(params string[] args) => CliHarness.RunWith(new ExperimentRegistry([_probe]), args);

    [Fact]
    public void EnormousEdgeOfChaos_IsRefusedWithoutYes_NamingItsEstimate()
    {
        using var dir = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["run", "edge-of-chaos", "--set", "width=20000", "--set", "networks=1000", "--set", "depth=2000", "--out", dir["run"]], stdout, stderr);
        var experiment = ExperimentRegistry.Default.Get("edge-of-chaos");
        var estimate = experiment.EstimateCost(experiment.Schema.Bind(experiment.DefaultOptions, new Dictionary<string, string> { ["width"] = "20000", ["networks"] = "1000", ["depth"] = "2000" }));
        Assert.True(estimate.Estimated > TimeSpan.FromHours(2) && estimate.MemoryBytes > 8L << 30, estimate.ToString());
        CliHarness.AssertRefusedInOneLine((code, stdout.ToString(), stderr.ToString()), $"edge-of-chaos: {estimate}, more than 2 h; pass --yes to start it anyway");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ThreeHourRun_IsRefusedWithoutYes_AndStartsWithIt()
    {
        using var dir = new TempDirectory();
        CliHarness.AssertRefusedInOneLine(Run("run", "data-probe", "--set", "hours=3", "--out", dir["run"]), "about 3.0 h, more than 2 h; pass --yes");
        Assert.Equal(0, _probe.Runs);

        var (code, _, stderr) = Run("run", "data-probe", "--set", "hours=3", "--out", dir["run"], "--yes");
        Assert.Equal(CliApp.Ok, code);
        Assert.Equal(1, _probe.Runs);
        Assert.Contains("data-probe: 1 dataset read, about 3.0 h (use --dry-run", stderr);
    }

    [Fact]
    public void OneHourRun_StartsWithoutYes()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, Run("run", "data-probe", "--set", "hours=1", "--out", dir["run"]).Code);
        Assert.Equal(1, _probe.Runs);
    }

    [Fact]
    public void Estimate_StatesMemoryFromAGibibyteOn()
    {
        var cost = new CostEstimate(3, "layers", TimeSpan.FromMinutes(12));
        Assert.Equal("3 layers, about 12 min", (cost with { MemoryBytes = 23L << 20 }).ToString());
        Assert.Equal("3 layers, about 12 min and 1.5 GiB of memory", (cost with { MemoryBytes = 3L << 29 }).ToString());
    }

    [Fact]
    public void Estimate_UnderASecond_SaysSoWithoutAbout()
    {
        Assert.Equal("2 layers, under a second", new CostEstimate(2, "layers", TimeSpan.FromSeconds(0.4)).ToString());
    }

    [Fact]
    public void Reason_NamesMemoryBeyondTheMachines_AndNothingForAModestRun()
    {
        const long GiB = 1L << 30;
        var modest = new CostEstimate(1, "layer", TimeSpan.FromHours(1)) { MemoryBytes = 2 * GiB };
        Assert.Null(CostConfirmation.Reason(modest, 8 * GiB));
        Assert.Equal("more memory than this machine's 8.0 GiB", CostConfirmation.Reason(modest with { MemoryBytes = 10 * GiB }, 8 * GiB));
        Assert.Equal("more than 2 h", CostConfirmation.Reason(modest with { Estimated = TimeSpan.FromHours(2.5) }, 8 * GiB));
    }
}
