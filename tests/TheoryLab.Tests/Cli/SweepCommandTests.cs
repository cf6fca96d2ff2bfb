using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TheoryLab.Cli;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TheoryLab.Sweeps;
using Xunit.Abstractions;

namespace TheoryLab.Tests.Cli;

/// <summary>
/// Real local sweeps of sawtooth (its quick options without training: a few seconds a run), three depths, in worker
/// processes of the CLI, and the checks that stop a sweep before it starts.
/// </summary>
public partial class SweepCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);
    private static readonly string[] Sawtooth = ["sawtooth", "--quick", "--set", "train_steps=0", "--grid", "depth=2,3,4"];

    [Fact]
    public void Sweep_RunsEachPointAndSeedAsRunWould_InParallel_AndASecondSweepReusesThemAll()
    {
        using var dir = new TempDirectory();
        string[] args = ["sweep", .. Sawtooth, "--seeds", "3", "--parallel", "2", "--runs", dir["runs"]];
        using (var first = new SweepProcess(args))
        {
            Assert.True(first.Wait(Limit) == 0, first.Err);
            Assert.Equal((9, 0, 9, 0), Summary(first.Out));
            output.WriteLine($"9 runs with --parallel 2: {first.Elapsed.TotalSeconds:F1} s");
        }

        var expected = new List<string>();
        foreach (string depth in new[] { "2", "3", "4" })
            foreach (string seed in new[] { "0", "1", "2" })
            {
                var dryRun = CliHarness.Run(ExperimentRegistry.Default, "run", "sawtooth", "--quick", "--set", "train_steps=0", "--set", $"depth={depth}", "--seed", seed, "--dry-run", "--json");
                expected.Add((string)JsonNode.Parse(dryRun.Out)!["runId"]!);
            }
        var completed = Directory.GetDirectories(dir["runs/sawtooth"], "seed*").Where(d => RunRecord.TryRead(d)?.Status == "completed").Select(Path.GetFileName);
        Assert.Equal(expected.Order(), completed.Order());

        using (var second = new SweepProcess(args))
        {
            Assert.True(second.Wait(Limit) == 0, second.Err);
            Assert.Equal((9, 9, 0, 0), Summary(second.Out));
            Assert.Contains("tables and figures of the 9 runs are current", second.Out);
            output.WriteLine($"the same sweep again, all reused: {second.Elapsed.TotalSeconds:F1} s");
        }
        string sweep = Directory.GetDirectories(dir["runs/sawtooth/sweeps"]).Single();
        var table = File.ReadAllLines(SweepLayout.TablePath(sweep, "linear_pieces"));
        Assert.Equal("depth,completed,measured,mean,standard_error,diverged,not_reached,seed_0,seed_1,seed_2", table[0]);
        Assert.Equal(["2,3,3,4,0,0,0,4,4,4", "3,3,3,8,0,0,0,8,8,8", "4,3,3,16,0,0,0,16,16,16"], table[1..]);
        Assert.True(File.Exists(SweepLayout.FigurePath(sweep, "linear-pieces-vs-depth", ".png")));
        Assert.True(File.Exists(SweepLayout.StudyPath(sweep)));
    }

    [Fact]
    public void KilledSweep_RerunCompletesOnlyTheMissingRuns()
    {
        using var dir = new TempDirectory();
        string[] args = ["sweep", .. Sawtooth, "--seeds", "3", "--parallel", "1", "--runs", dir["runs"]];
        using (var killed = new SweepProcess(args))
        {
            var clock = Stopwatch.StartNew();
            while (Complete(dir["runs/sawtooth"]) < 2)
            {
                Assert.False(killed.HasExited, $"the sweep ended before it was killed: {killed.Err}");
                Assert.True(clock.Elapsed < Limit, "two runs did not complete in time");
                Thread.Sleep(50);
            }
            killed.KillTree();
        }
        int done = Complete(dir["runs/sawtooth"]);
        Assert.InRange(done, 2, 8);

        using var rerun = new SweepProcess(args);
        Assert.True(rerun.Wait(Limit) == 0, rerun.Err);
        Assert.Equal((9, done, 9 - done, 0), Summary(rerun.Out));
        Assert.Equal(9, Complete(dir["runs/sawtooth"]));
    }

    [Fact]
    public void FailedRun_IsListedWithItsError_TheOthersComplete_AndARerunRetriesOnlyIt()
    {
        using var dir = new TempDirectory();
        string[] args = ["sweep", .. Sawtooth, "--parallel", "1", "--runs", dir["runs"]];
        using (var sweep = new SweepProcess(args))
        {
            // The first worker is stopped mid-run as a batch system's time limit would stop it: its run is marked failed.
            int worker = FirstWorker(dir["runs/sawtooth"], sweep);
            Assert.Equal(0, kill(worker, SigTerm));
            Assert.Equal(1, sweep.Wait(Limit));
            Assert.Equal((3, 0, 2, 1), Summary(sweep.Out));
            Assert.Contains("failed: depth=2, seed 0 (", sweep.Out);
            Assert.Contains("interrupted: the run was marked failed", sweep.Out);
            Assert.StartsWith("error: 1 of 3 runs failed (listed above)", sweep.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        }
        Assert.Equal(1, Directory.GetDirectories(dir["runs/sawtooth"], "seed*").Count(d => RunRecord.TryRead(d)?.Status == "failed"));

        using var rerun = new SweepProcess(args);
        Assert.True(rerun.Wait(Limit) == 0, rerun.Err);
        Assert.Equal((3, 2, 1, 0), Summary(rerun.Out));
    }

    [Fact]
    public void InterruptedSweep_InterruptsItsWorker_StartsNoOther_AndEndsLikeAnInterruptedRun()
    {
        using var dir = new TempDirectory();
        using var sweep = new SweepProcess(["sweep", .. Sawtooth, "--parallel", "1", "--runs", dir["runs"]]);
        int worker = FirstWorker(dir["runs/sawtooth"], sweep);
        Assert.Equal(0, kill(sweep.Id, SigTerm));
        Assert.Equal(CliApp.Interrupted, sweep.Wait(Limit));

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(worker));
        var run = Assert.Single(Directory.GetDirectories(dir["runs/sawtooth"], "seed*"));
        Assert.Equal("interrupted before it finished", RunRecord.TryRead(run)!.Error);
    }

    [Theory]
    [InlineData("--grid depth=2:4", "--grid depth=2:4: a range has three parts")]
    [InlineData("--grid nosuch=1,2", "unknown option 'nosuch' for probe")]
    [InlineData("--grid sigma_w2=1,2 --seeds 2 --seed-list 1,2", "pass either --seeds N or --seed-list")]
    [InlineData("--grid sigma_w2=1,20", "option 'sigma_w2' = 20 is out of range")]
    [InlineData("--grid points=3,x", "option 'points'")]
    [InlineData("--grid sigma_w2=1,2 --parallel 0", "--parallel must be at least 1")]
    [InlineData("", "a sweep needs at least one --grid")]
    public void BadArguments_AreRefusedInOneLine_BeforeAnythingIsWritten(string arguments, string message)
    {
        using var dir = new TempDirectory();
        string[] args = ["sweep", "probe", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--runs", dir["runs"]];
        CliHarness.AssertRefusedInOneLine(CliHarness.Run(args), message);
        Assert.False(Directory.Exists(dir["runs"]));
    }

    [Fact]
    public void DryRun_CountsTheRunsAndThoseDone_AndRunsNothing()
    {
        using var dir = new TempDirectory();
        var probe = CliHarness.Registry.Get("probe");
        Runner.Run(new RunRequest(probe, ((Experiments.ProbeOptions)probe.QuickOptions) with { SigmaW2 = 2 }) { Seed = 1, Root = dir["runs"] });
        var (code, stdout, stderr) = CliHarness.Run("sweep", "probe", "--quick", "--grid", "sigma_w2=1:3:1", "--seeds", "2", "--dry-run", "--runs", dir["runs"]);
        Assert.Equal(0, code);
        Assert.Contains("6 runs (3 grid points × 2 seeds), 1 already done, 5 to run, about", stderr);
        Assert.StartsWith("sweep directory: ", stdout);
        Assert.Single(Directory.GetDirectories(dir["runs/probe"]));
    }

    [Fact]
    public void Collect_WritesTheTablesOfTheCompletedRuns_FromTheStudyFile()
    {
        using var dir = new TempDirectory();
        var probe = CliHarness.Registry.Get("probe");
        foreach (double sigma in new[] { 1.0, 2.0 })
            Runner.Run(new RunRequest(probe, ((Experiments.ProbeOptions)probe.QuickOptions) with { SigmaW2 = sigma }) { Root = dir["runs"] });
        File.WriteAllText(dir["study.json"], """{"experiment": "probe", "grid": {"sigma_w2": "1,2"}, "seeds": [0, 1], "quick": true}""");

        var (code, stdout, stderr) = CliHarness.Run("sweep", "collect", "--study", dir["study.json"], "--runs", dir["runs"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("of 2 of 4 runs in ", stdout);
        string sweep = Directory.GetDirectories(dir["runs/probe/sweeps"]).Single();
        var table = File.ReadAllLines(SweepLayout.TablePath(sweep, "end_value"));
        Assert.Equal(["sigma_w2,completed,measured,mean,standard_error,diverged,not_reached,seed_0,seed_1", "1,1,1,1,NaN,0,0,1,", "2,1,1,2,NaN,0,0,2,"], table);
        Assert.Equal(StudyFile.Write(StudyFile.Read(dir["study.json"])), File.ReadAllText(SweepLayout.StudyPath(sweep)));
    }

    /// <summary>(runs, reused, run, failed) from the summary line a sweep prints.</summary>
    private static (int Runs, int Reused, int Run, int Failed) Summary(string stdout)
    {
        var m = SummaryLine().Match(stdout);
        Assert.True(m.Success, $"no summary in: {stdout}");
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value));
    }

    private static int Complete(string experimentRuns) =>
        !Directory.Exists(experimentRuns) ? 0 : Directory.GetDirectories(experimentRuns, "seed*").Count(d => File.Exists(Path.Combine(d, RunLayout.FindingsFile)));

    /// <summary>The process of the first worker, named by the marker of the staging directory its run writes into.</summary>
    private static int FirstWorker(string experimentRuns, SweepProcess sweep)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(sweep.HasExited, $"the sweep ended before its first run started: {sweep.Err}");
            Assert.True(clock.Elapsed < Limit, "no run started in time");
            var staging = Directory.Exists(experimentRuns) ? Directory.GetDirectories(experimentRuns, ".seed*.partial-*").FirstOrDefault() : null;
            string? marker = staging is null ? null : Path.Combine(staging, ".theorylab-staging");
            if (marker is not null && File.Exists(marker) && File.ReadAllLines(marker) is [_, var pid, ..]) return int.Parse(pid);
            Thread.Sleep(20);
        }
    }

    [GeneratedRegex(@"(\d+) runs, (\d+) reused, (\d+) run, (\d+) failed")]
    private static partial Regex SummaryLine();

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
