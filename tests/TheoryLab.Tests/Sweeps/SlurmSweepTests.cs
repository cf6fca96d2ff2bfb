using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TheoryLab.Sweeps;
using TheoryLab.Tests.Cli;
using Xunit.Abstractions;

namespace TheoryLab.Tests.Sweeps;

/// <summary>
/// A sweep through a real Slurm: a single-node cluster on this machine (<see cref="LocalSlurm"/>) runs a 2 × 2 sweep
/// of sawtooth's quick options as a job array, and the runs are the ones <c>theorylab run</c> makes.
/// </summary>
[Trait("Category", "Slurm")]
[UnsupportedOSPlatform("windows")]
public sealed partial class SlurmSweepTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);
    private static readonly string[] Study = ["sawtooth", "--quick", "--set", "train_steps=0", "--grid", "depth=2,3", "--seeds", "2"];

    [LocalSlurmFact]
    public void SlurmSweep_RunsEveryRunAsAnArrayTask_AndStatusAndCollectFollowIt()
    {
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();
        LocalSlurm? cluster = null;
        try
        {
            cluster = new LocalSlurm(dir["cluster"]);
            var slurmConf = new Dictionary<string, string> { ["SLURM_CONF"] = cluster.Conf }; // the sweep's sbatch and squeue find this cluster
            output.WriteLine($"sinfo after {clock.Elapsed.TotalSeconds:F1} s:\n{cluster.Command("sinfo").Out}");

            string[] runs = ["--runs", dir["runs"]];
            using (var submit = new SweepProcess(slurmConf, ["sweep", .. Study, .. runs, "--backend", "slurm", "--array-throttle", "2"]))
            {
                Assert.True(submit.Wait(Limit) == 0, submit.Err);
                output.WriteLine(submit.Out);
                string job = JobId().Match(submit.Out).Groups[1].Value;
                Assert.NotEmpty(job);
                WaitUntilDone(cluster, job);
                output.WriteLine($"job {job} left the queue after {clock.Elapsed.TotalSeconds:F1} s");
            }

            var expected = new List<string>();
            foreach (string depth in new[] { "2", "3" })
                foreach (string seed in new[] { "0", "1" })
                {
                    var dryRun = CliHarness.Run(ExperimentRegistry.Default, "run", "sawtooth", "--quick", "--set", "train_steps=0", "--set", $"depth={depth}", "--seed", seed, "--dry-run", "--json");
                    expected.Add((string)JsonNode.Parse(dryRun.Out)!["runId"]!);
                }
            var completed = Directory.GetDirectories(dir["runs/sawtooth"], "seed*").Where(d => RunRecord.TryRead(d)?.Status == "completed").Select(Path.GetFileName);
            Assert.Equal(expected.Order(), completed.Order());

            using (var status = new SweepProcess(slurmConf, ["sweep", "status", .. Study, .. runs]))
            {
                Assert.True(status.Wait(Limit) == 0, status.Err);
                output.WriteLine(status.Out);
                Assert.Contains("4 runs, 4 complete", status.Out);
            }
            using (var collect = new SweepProcess(slurmConf, ["sweep", "collect", .. Study, .. runs]))
            {
                Assert.True(collect.Wait(Limit) == 0, collect.Err);
                Assert.Contains("of 4 of 4 runs", collect.Out);
            }
            string sweep = Directory.GetDirectories(dir["runs/sawtooth/sweeps"]).Single();
            Assert.Equal(["2,2,2,4,0,0,0,4,4", "3,2,2,8,0,0,0,8,8"], File.ReadAllLines(SweepLayout.TablePath(sweep, "linear_pieces"))[1..]);
        }
        finally
        {
            cluster?.Dispose();
        }
        Assert.Empty(cluster?.Leftovers() ?? []);
        if (cluster?.Zombies() is { Count: > 0 } zombies) output.WriteLine($"exited, not yet reaped by their parent: {string.Join("; ", zombies)}");
        output.WriteLine($"cluster started, sweep run, cluster stopped in {clock.Elapsed.TotalSeconds:F1} s; no process left");
    }

    /// <summary>Waits until squeue no longer lists the job; cancels it and fails the test after <see cref="Limit"/>.</summary>
    private void WaitUntilDone(LocalSlurm cluster, string job)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (code, queued) = cluster.Command("squeue", "--noheader", "--array", "--jobs", job, "--format=%K %T");
            if (code != 0 || queued.Trim().Length == 0) return;
            output.WriteLine($"{clock.Elapsed.TotalSeconds,5:F0} s: {string.Join("; ", queued.Trim().Split('\n'))}");
            if (clock.Elapsed > Limit)
            {
                cluster.Command("scancel", job);
                Assert.Fail($"job {job} was still queued after {Limit}: {queued}\n{cluster.Log("slurmd.log")}");
            }
            Thread.Sleep(2000);
        }
    }

    [GeneratedRegex(@"submitted job (\d+)")]
    private static partial Regex JobId();
}
