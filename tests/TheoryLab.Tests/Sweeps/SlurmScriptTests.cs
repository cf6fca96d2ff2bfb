using TheoryLab.Data;
using TheoryLab.Sweeps;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Sweeps;

public class SlurmScriptTests
{
    private static readonly ProbeExperiment Probe = new();

    private static SweepPlan Plan(TempDirectory dir) =>
        SweepPlan.For(new Study("probe", [GridAxis.Parse("sigma_w2=1,2,3")], [0], Quick: true, []), Probe, dir["runs"], DataStore.Default);

    private static string Script(SweepPlan plan, SlurmOptions options, string? data = null) =>
        SlurmScript.Write(plan, SlurmScript.Tasks(plan.Runs, options.RunsPerTask), options, "/opt/dotnet/dotnet", ["/shared/theorylab/TheoryLab.Cli.dll"], data, "/shared/logs");

    [Fact]
    public void Script_IsAThrottledArrayOfChunks_EachRunningTheRunsAsALocalWorkerWould()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        string script = Script(plan, SlurmOptions.Default with { ArrayThrottle = 1, RunsPerTask = 2 });
        Assert.Contains("#SBATCH --array=0-1%1\n", script);
        Assert.Contains("#SBATCH --output=/shared/logs/%A_%a.log\n", script);
        Assert.Contains("theorylab=(/opt/dotnet/dotnet /shared/theorylab/TheoryLab.Cli.dll)\n", script);
        string Line(int run) => "\"${theorylab[@]}\" " + string.Join(' ', plan.Runs[run].RunArguments(plan.Study, null)) + " || failed=1";
        // Task 0 runs the first two runs, task 1 the third.
        string task0 = script[script.IndexOf("  0)\n")..script.IndexOf("  1)\n")];
        string task1 = script[script.IndexOf("  1)\n")..script.IndexOf("  *)")];
        Assert.Contains(Line(0), task0);
        Assert.Contains(Line(1), task0);
        Assert.Contains(Line(2), task1);
        Assert.DoesNotContain(Line(2), task0);
        Assert.DoesNotContain("#SBATCH --partition", script);
        Assert.EndsWith("exit $failed\n", script);
    }

    [Fact]
    public void ResourceOptions_BecomeSbatchLines()
    {
        using var dir = new TempDirectory();
        string script = Script(Plan(dir), new SlurmOptions("gpu", "0:30:00", "4G", 2, null, 1));
        Assert.Contains("#SBATCH --partition=gpu\n#SBATCH --time=0:30:00\n#SBATCH --mem=4G\n#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --array=0-2\n", script);
    }

    [Theory]
    [InlineData("depth=3", "depth=3")]
    [InlineData("/data/my runs", "'/data/my runs'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    public void Quote_LeavesPlainWordsBare_AndQuotesTheRestForBash(string word, string quoted) =>
        Assert.Equal(quoted, SlurmScript.Quote(word));

    [Theory]
    [InlineData("debug partition", null, "--partition")]
    [InlineData(null, "1:00:00\n#SBATCH --x", "--time")]
    public void OptionThatWouldBreakItsLine_IsRefused(string? partition, string? time, string flag)
    {
        var error = Assert.Throws<TheoryLabException>(() => new SlurmOptions(partition, time, null, null, null, 1).Checked());
        Assert.StartsWith(flag, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ZeroRunsPerTask_IsRefused() =>
        Assert.Contains("--runs-per-task must be at least 1", Assert.Throws<TheoryLabException>(() => (SlurmOptions.Default with { RunsPerTask = 0 }).Checked()).Message);
}
