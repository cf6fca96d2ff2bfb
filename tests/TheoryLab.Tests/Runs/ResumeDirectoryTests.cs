using TheoryLab.Kernel;
using TheoryLab.Options;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Runs;

public class ResumeDirectoryTests
{
    public sealed record CountingOptions
    {
        [Option("Fail after writing to the resume directory.")]
        public bool Fail { get; init; }
    }

    /// <summary>Counts its attempts in a file of the resume directory, and fails when asked to.</summary>
    private sealed class Counting : Experiment<CountingOptions>
    {
        public override string Id => "counting";
        public override string Title => "Counts attempts";
        public override Topic Topic => Topic.Architecture;
        public override IReadOnlyList<string> Papers => ["lecun1998gradient"];
        public override string Summary => "Counts attempts in its resume directory.";
        public override CountingOptions Quick => new();

        public bool FailNext { get; set; }

        public override ExperimentResult Run(CountingOptions options, RunContext context)
        {
            Directory.CreateDirectory(context.ResumeDirectory!);
            string file = Path.Combine(context.ResumeDirectory!, "attempts");
            int attempts = (File.Exists(file) ? int.Parse(File.ReadAllText(file)) : 0) + 1;
            File.WriteAllText(file, attempts.ToString());
            if (FailNext) throw new InvalidOperationException("interrupted on purpose");
            return new ExperimentResult().Add(new Finding("attempts", attempts, "1", "Attempts of this run."));
        }
    }

    [Fact]
    public void ResumeDirectory_SurvivesAFailedAttempt_ReachesTheNext_AndIsDeletedOnCompletion()
    {
        using var dir = new TempDirectory();
        var experiment = new Counting { FailNext = true };
        var request = new RunRequest(experiment, new CountingOptions()) { OutputDirectory = dir["run"] };
        Assert.Throws<InvalidOperationException>(() => Runner.Run(request));
        string resume = Runner.ResumeDirectory(Path.GetFullPath(dir["run"]), request.RunId);
        Assert.True(Directory.Exists(resume));

        experiment.FailNext = false;
        var outcome = Runner.Run(request);
        Assert.Equal(2, outcome.Findings.Single().Value);
        Assert.False(Directory.Exists(resume));
    }
}
