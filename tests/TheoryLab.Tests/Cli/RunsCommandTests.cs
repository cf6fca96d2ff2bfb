using System.Diagnostics;
using TheoryLab.Experiments;
using TheoryLab.RunIndex;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Cli;

/// <summary>
/// theorylab runs list/show/compare/gc on run directories written by real runs: sawtooth's quick options without
/// training, and the probe experiment, whose options (sigma_w2, points, fail) make filters and failures easy to state.
/// </summary>
public class RunsCommandTests
{
    private static string Probe(TempDirectory dir, string name, params string[] sets)
    {
        string run = dir["runs/probe/" + name];
        string[] args = ["run", "probe", "--out", run, .. sets.SelectMany(s => new[] { "--set", s })];
        if (sets.Contains("fail=true"))
        {
            // The probe fails with an exception of its own, which the CLI leaves to crash the process as a bug would.
            Assert.Throws<InvalidOperationException>(() => CliHarness.Run(args));
            Assert.Equal("failed", RunRecord.TryRead(run)!.Status);
        }
        else
        {
            var result = CliHarness.Run(args);
            Assert.True(result.Code == 0, result.Err);
        }
        return run;
    }

    [Fact]
    public void List_ShowsRealSawtoothRuns_AndADeletedIndexIsRebuiltWithTheSameRows()
    {
        using var dir = new TempDirectory();
        foreach (string depth in new[] { "2", "3" })
        {
            var run = CliHarness.Run(ExperimentRegistry.Default, "run", "sawtooth", "--quick", "--set", "train_steps=0", "--set", $"depth={depth}", "--out", dir[$"runs/sawtooth/depth{depth}"]);
            Assert.True(run.Code == 0, run.Err);
        }
        var list = CliHarness.Run("runs", "list", "--runs", dir["runs"]);
        Assert.True(list.Code == 0, list.Err);
        foreach (string depth in new[] { "2", "3" })
            Assert.Contains(RunRecord.TryRead(dir[$"runs/sawtooth/depth{depth}"])!.RunId, list.Out);
        Assert.Contains("depth=3", list.Out);
        Assert.Contains("2 runs under", list.Out);

        var before = RunsIndex.Open(dir["runs"]);
        Assert.False(before.Rebuilt);
        var rows = Rows(before);
        File.Delete(before.File);
        var after = RunsIndex.Open(dir["runs"]);
        Assert.True(after.Rebuilt);
        Assert.Equal(rows, Rows(after));
        Assert.Equal(2, rows.Count);

        File.WriteAllText(after.File, "not an index");
        var replaced = RunsIndex.Open(dir["runs"]);
        Assert.True(replaced.Rebuilt);
        Assert.Equal(rows, Rows(replaced));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("gc")]
    public void MissingRoot_IsRefusedInOneLine(string command)
    {
        using var dir = new TempDirectory();
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("runs", command, "--runs", dir["nowhere"]), "does not exist; name the root of your run directories with --runs DIR.");
    }

    [Fact]
    public void RunAddedAfterTheIndexWasBuilt_IsListed_AndARewrittenRunJsonRefreshesItsRow()
    {
        using var dir = new TempDirectory();
        Probe(dir, "a");
        Assert.Single(RunsIndex.Open(dir["runs"]).List());
        string b = Probe(dir, "b", "sigma_w2=3");
        var index = RunsIndex.Open(dir["runs"]);
        Assert.True(index.Rebuilt);
        Assert.Equal(["a", "b"], index.List().Select(r => Path.GetFileName(r.Directory)).Order());

        var failed = RunRecord.TryRead(b)! with { Status = "failed" };
        AtomicFile.WriteAllText(Path.Combine(b, RunLayout.RecordFile), failed.ToJson());
        File.SetLastWriteTimeUtc(Path.Combine(b, RunLayout.RecordFile), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("failed", RunsIndex.Open(dir["runs"]).List().Single(r => r.Directory == b).Status);
        Assert.False(RunsIndex.Open(dir["runs"]).Rebuilt);
    }

    [Fact]
    public void Where_ComparesNumbersAsNumbers_JoinsWithAndOr_AndFiltersByExperiment()
    {
        using var dir = new TempDirectory();
        Probe(dir, "nine", "points=9");
        Probe(dir, "ten", "points=10", "sigma_w2=3");
        Probe(dir, "broken", "points=9", "sigma_w2=3", "fail=true");
        var index = RunsIndex.Open(dir["runs"]);

        Assert.Equal(["ten"], Names(index.List(where: "points>9")));
        Assert.Equal(["ten"], Names(index.List(where: "sigma_w2>2 and status=completed")));
        Assert.Equal(["broken", "nine"], Names(index.List(where: "status=failed or points<10")));
        Assert.Equal(["nine", "ten"], Names(index.List(where: "end_value != 12345.5")));
        Assert.Equal(["nine"], Names(index.List(where: "seed=0 and sigma_w2 != 3")));
        Assert.Empty(index.List(experiment: "sawtooth"));

        var cli = CliHarness.Run("runs", "list", "--runs", dir["runs"], "--where", "sigma_w2>2 and status=completed");
        Assert.True(cli.Code == 0, cli.Err);
        Assert.Contains("1 run under", cli.Out);
    }

    [Theory]
    [InlineData("depth>2", "no run has an option or finding named 'depth'; the names are experiment, seed, status, activation")]
    [InlineData("sigma_w2 >", "it ends where a value should follow 'sigma_w2 >'")]
    [InlineData("sigma_w2>2 and", "it ends where a comparison should follow")]
    [InlineData("sigma_w2 2", "expected =, !=, <, <=, > or >= after 'sigma_w2'")]
    [InlineData("sigma_w2>2 status=completed", "expected 'and' or 'or' before 'status'")]
    [InlineData("status='completed", "the quote at character 8 is not closed")]
    [InlineData("seed=first", "seed compares with a whole number")]
    [InlineData("status='x' or 1=1; drop table runs", "no run has an option or finding named '1'")]
    [InlineData("status=x; drop table runs", "expected 'and' or 'or' before 'drop'")]
    public void Where_RefusesBadConditionsInOneLine(string where, string message)
    {
        using var dir = new TempDirectory();
        Probe(dir, "a");
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("runs", "list", "--runs", dir["runs"], "--where", where), message);
    }

    [Fact]
    public void Where_PassesQuotedSqlAsAValue_MatchingNothing_AndTheIndexSurvives()
    {
        using var dir = new TempDirectory();
        Probe(dir, "a");
        var index = RunsIndex.Open(dir["runs"]);
        Assert.Empty(index.List(where: "status=\"x' or 1=1; drop table runs; --\""));
        Assert.Empty(index.List(where: "activation=\"tanh' or '1'='1\""));
        Assert.Single(index.List());
        Assert.False(RunsIndex.Open(dir["runs"]).Rebuilt);
    }

    [Fact]
    public void Show_MarksNonDefaultOptions_GivesFindingsWithUnits_AndListsFiles()
    {
        using var dir = new TempDirectory();
        string run = Probe(dir, "a", "sigma_w2=3");
        string id = RunRecord.TryRead(run)!.RunId;
        var show = CliHarness.Run("runs", "show", id, "--runs", dir["runs"]);
        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("* sigma_w2 = 3", show.Out);
        Assert.Contains("  points = 50", show.Out);
        Assert.Contains("  end_value = ", show.Out);
        Assert.Contains("  run.json", show.Out);
        Assert.Equal(show.Out, CliHarness.Run("runs", "show", run, "--runs", dir["runs"]).Out);
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("runs", "show", "seed9-nothing", "--runs", dir["runs"]), "no run 'seed9-nothing' under");
    }

    [Fact]
    public void Compare_MarksExactlyTheOptionsThatDiffer()
    {
        using var dir = new TempDirectory();
        string a = Probe(dir, "a", "points=9");
        string b = Probe(dir, "b", "points=9", "sigma_w2=3", "activation=relu");
        var compare = CliHarness.Run("runs", "compare", a, b, "--runs", dir["runs"]);
        Assert.True(compare.Code == 0, compare.Err);
        var lines = compare.Out.Split('\n');
        int findings = Array.FindIndex(lines, l => l.StartsWith("  finding"));
        var marked = lines[1..findings].Where(l => l.StartsWith('*')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal(["activation", "sigma_w2"], marked);
        Assert.Contains(lines[findings..], l => l.StartsWith("* end_value"));
        Assert.Contains(lines, l => l.StartsWith("  points") && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..] is ["9", "9"]);
    }

    [Fact]
    public void Gc_ListsFirst_ThenRemovesOnlyFailedRunsAndAbandonedStaging_NeverAUsersFile()
    {
        using var dir = new TempDirectory();
        string completed = Probe(dir, "completed");
        string failed = Probe(dir, "failed", "fail=true");
        string failedWithNotes = Probe(dir, "failed-with-notes", "fail=true", "points=9");
        File.WriteAllText(Path.Combine(failedWithNotes, "notes.txt"), "mine");
        string staging = Staging.Create(dir["runs/probe/killed"], ExitedProcessId());
        string[] users = [dir["runs/notes.txt"], dir["runs/probe/notes.txt"], dir["runs/probe/.mine.partial-1/keep.txt"], dir["runs/probe/mine/keep.txt"]];
        foreach (string file in users)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "mine");
        }

        var dry = CliHarness.Run("runs", "gc", "--runs", dir["runs"]);
        Assert.True(dry.Code == 0, dry.Err);
        Assert.Contains("2 directories would be removed; run again with --yes", dry.Out);
        Assert.True(Directory.Exists(failed) && Directory.Exists(staging));

        var removed = CliHarness.Run("runs", "gc", "--runs", dir["runs"], "--yes");
        Assert.True(removed.Code == 0, removed.Err);
        Assert.Contains("removed 2 directories.", removed.Out);
        Assert.False(Directory.Exists(failed));
        Assert.False(Directory.Exists(staging));
        Assert.True(Directory.Exists(completed));
        Assert.True(File.Exists(Path.Combine(failedWithNotes, RunLayout.RecordFile)));
        Assert.All(users, file => Assert.True(File.Exists(file), file));
        Assert.Contains("nothing to remove", CliHarness.Run("runs", "gc", "--runs", dir["runs"]).Out);
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    private static List<string> Names(IReadOnlyList<ListedRun> runs) => runs.Select(r => Path.GetFileName(r.Directory)).Order(StringComparer.Ordinal).ToList();

    /// <summary>A listed run as comparable text: records of lists compare by reference.</summary>
    private static List<string> Rows(RunsIndex index) =>
        index.List().Select(r => $"{r.Directory} {r.RunId} {r.Seed} {r.Status} {r.Started:O} {r.WallSeconds} "
            + string.Join(",", r.NonDefaultOptions) + " " + string.Join(",", r.Findings)).ToList();
}
