using System.Text.Json.Nodes;
using TheoryLab.Kernel;
using TheoryLab.Options;
using TheoryLab.Runs;
using TheoryLab.Tests.Experiments;
using TheoryLab.Torch;

namespace TheoryLab.Tests.Runs;

/// <summary>A completed run is reused only when its stored options, all of them, and its TheoryLab version match the request.</summary>
public class RunIdentityTests
{
    private static readonly ProbeExperiment Probe = new();

    public sealed record ThreadedOptions
    {
        [Option("The value reported.")]
        public double Value { get; init; } = 1;

        [Option("Threads computing it.", Min = 1, ChangesResults = false)]
        public int Threads { get; init; } = 1;
    }

    private sealed class Threaded : Experiment<ThreadedOptions>
    {
        public override string Id => "threaded";
        public override string Title => "Reports its value";
        public override Topic Topic => Topic.Architecture;
        public override IReadOnlyList<string> Papers => ["lecun1998gradient"];
        public override string Summary => "Reports its value, whatever the threads.";
        public override ThreadedOptions Quick => new();

        public override ExperimentResult Run(ThreadedOptions options, RunContext context) =>
            new ExperimentResult().Add(new Finding("value", options.Value, "1", "The value."));
    }

    /// <summary>Rewrites run.json as an older TheoryLab, or an older default, would have left it.</summary>
    private static void EditRecord(string runDirectory, Action<JsonObject> edit)
    {
        string path = Path.Combine(runDirectory, RunLayout.RecordFile);
        var record = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(record);
        File.WriteAllText(path, record.ToJsonString());
    }

    [Fact]
    public void RunWhoseStoredDefaultDiffers_IsRunAgain_SayingWhy()
    {
        using var dir = new TempDirectory();
        var request = new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] };
        Runner.Run(request);
        EditRecord(dir["run"], r => r["options"]!["sigma_w2"] = "1.25");

        var plan = RunPlan.For(request);
        Assert.Equal(RunAction.Replace, plan.Action);
        Assert.Equal($"replacing the run in {dir["run"]}: it was made with sigma_w2 = 1.25, not 1.5.", plan.Note);
        Assert.False(Runner.Run(request).Reused);
        Assert.Equal("1.5", RunRecord.TryRead(dir["run"])!.Options["sigma_w2"]);
    }

    [Fact]
    public void RunOfAnotherTheoryLabVersion_IsRunAgain_SayingWhy()
    {
        using var dir = new TempDirectory();
        var request = new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] };
        Runner.Run(request);
        EditRecord(dir["run"], r => r["provenance"]!["theoryLabVersion"] = "0.0.9");

        Assert.Equal($"replacing the run in {dir["run"]}: it was made by TheoryLab 0.0.9, not {Provenance.Build.Version}.", RunPlan.For(request).Note);
        Assert.False(Runner.Run(request).Reused);
        Assert.Equal(Provenance.Build.Version, RunRecord.TryRead(dir["run"])!.Provenance.TheoryLabVersion);
    }

    [Fact]
    public void RunFromBeforeAnOptionExisted_IsRunAgain()
    {
        using var dir = new TempDirectory();
        var request = new RunRequest(Probe, Probe.Quick) { OutputDirectory = dir["run"] };
        Runner.Run(request);
        EditRecord(dir["run"], r => r["options"]!.AsObject().Remove("shape"));
        Assert.Equal($"replacing the run in {dir["run"]}: it was made before option shape existed.", RunPlan.For(request).Note);
        Assert.False(Runner.Run(request).Reused);
    }

    [Fact]
    public void OptionThatCannotChangeResults_IsNoPartOfTheIdentity()
    {
        using var dir = new TempDirectory();
        var threaded = new Threaded();
        Assert.Equal(RunId.For(threaded, new ThreadedOptions(), 0, ComputeDevice.Cpu), RunId.For(threaded, new ThreadedOptions { Threads = 4 }, 0, ComputeDevice.Cpu));
        Assert.NotEqual(RunId.For(threaded, new ThreadedOptions(), 0, ComputeDevice.Cpu), RunId.For(threaded, new ThreadedOptions { Value = 2 }, 0, ComputeDevice.Cpu));

        Runner.Run(new RunRequest(threaded, new ThreadedOptions()) { OutputDirectory = dir["run"] });
        Assert.True(Runner.Run(new RunRequest(threaded, new ThreadedOptions { Threads = 4 }) { OutputDirectory = dir["run"] }).Reused);
    }
}
