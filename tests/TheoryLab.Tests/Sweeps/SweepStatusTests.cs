using TheoryLab.Data;
using TheoryLab.Runs;
using TheoryLab.Sweeps;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Sweeps;

public class SweepStatusTests
{
    private static readonly ProbeExperiment Probe = new();

    [Fact]
    public void EachRun_IsStatedFromItsDirectoryFirst_ThenFromItsTaskInTheQueue()
    {
        using var dir = new TempDirectory();
        var study = new Study("probe", [GridAxis.Parse("sigma_w2=1,2")], [0, 1], Quick: true, []);
        var plan = SweepPlan.For(study, Probe, dir["runs"], DataStore.Default);
        Runner.Run(plan.Runs[0].Request);
        var submission = new SlurmSubmission("12", "array-1.sbatch", DateTimeOffset.UtcNow, [[plan.Runs[0].Directory], [plan.Runs[1].Directory], [plan.Runs[2].Directory]]);
        var queued = new Dictionary<string, IReadOnlyDictionary<int, SlurmTaskState>>
        {
            ["12"] = new Dictionary<int, SlurmTaskState> { [1] = new("RUNNING", null) },
        };
        var accounted = new Dictionary<string, IReadOnlyDictionary<int, SlurmTaskState>>
        {
            ["12"] = new Dictionary<int, SlurmTaskState> { [0] = new("FAILED", null), [2] = new("TIMEOUT", null) },
        };
        var states = SweepStatus.Of(SweepPlan.For(study, Probe, dir["runs"], DataStore.Default), [submission], queued, accounted);
        Assert.Equal(["complete", "running (job 12, task 1)", "not complete (job 12, task 2 ended TIMEOUT)", "not submitted"], states.Select(s => s.ToString()));
    }
}
