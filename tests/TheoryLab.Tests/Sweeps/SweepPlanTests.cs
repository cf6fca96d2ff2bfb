using TheoryLab.Data;
using TheoryLab.Runs;
using TheoryLab.Sweeps;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Sweeps;

public class SweepPlanTests
{
    private static readonly ProbeExperiment Probe = new();

    private static SweepPlan Plan(TempDirectory dir, string grid = "sigma_w2=1,2", params KeyValuePair<string, string>[] set) =>
        SweepPlan.For(new Study("probe", [GridAxis.Parse(grid)], [0, 1], Quick: true, set), Probe, dir["runs"], DataStore.Default);

    [Fact]
    public void EachPointAndSeed_IsTheRunThatRunWouldMake()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        Assert.Equal(4, plan.Runs.Count);
        var expected = new RunRequest(Probe, Probe.Quick with { SigmaW2 = 2 }) { Seed = 1, Root = dir["runs"] };
        Assert.Equal(Path.GetFullPath(expected.Directory), plan.Runs[3].Directory);
        Assert.All(plan.Runs, r => Assert.False(r.Done));
    }

    [Fact]
    public void CompletedRun_IsDone_AndAFailedRunIsNot()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        Runner.Run(plan.Runs[0].Request);
        var failing = plan.Runs[1].Request with { Options = Probe.Quick with { Fail = true } };
        Assert.Throws<InvalidOperationException>(() => Runner.Run(failing with { OutputDirectory = plan.Runs[1].Directory }));
        Assert.Equal("failed", RunRecord.TryRead(plan.Runs[1].Directory)!.Status);

        Assert.Equal([true, false, false, false], Plan(dir).Runs.Select(r => r.Done));
    }

    [Fact]
    public void ListOption_CannotBeSwept()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TheoryLabException>(() => Plan(dir, "widths=1,2"));
        Assert.StartsWith("option 'widths' holds a list", e.Message);
    }

    [Fact]
    public void OptionBothSweptAndSet_IsRefused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TheoryLabException>(() => Plan(dir, "sigma_w2=1,2", KeyValuePair.Create("sigma-w2", "3")));
        Assert.StartsWith("option 'sigma_w2' is given twice", e.Message);
    }

    [Fact]
    public void ValueOutOfRange_IsRefusedBeforeAnythingIsWritten()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TheoryLabException>(() => Plan(dir, "sigma_w2=1,20"));
        Assert.Contains("option 'sigma_w2' = 20 is out of range", e.Message);
        Assert.False(Directory.Exists(dir["runs"]));
    }
}
