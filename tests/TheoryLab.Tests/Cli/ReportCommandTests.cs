using TheoryLab.Citations;
using TheoryLab.Cli;
using TheoryLab.Report;
using TheoryLab.Tests.Report;

namespace TheoryLab.Tests.Cli;

public class ReportCommandTests
{
    [LatexFact]
    public void NewAddMethodsBuildCheck_FollowTheReadme_AndCheckFlagsTheTemplatesPlaceholders()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["report"], "--title", "Depth and chaos").Code);

        var (addCode, addOut, _) = CliHarness.Run("report", "add", dir["run"], "--report", dir["report"]);
        Assert.Equal(CliApp.Ok, addCode);
        Assert.Contains(@"\input{figures/probe-curve}", addOut);

        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "methods", "--report", dir["report"]).Code);
        var (buildCode, buildOut, buildErr) = CliHarness.Run("report", "build", "--report", dir["report"]);
        Assert.True(buildCode == CliApp.Ok, buildErr);
        Assert.Contains("main.pdf", buildOut);

        var (checkCode, checkOut, _) = CliHarness.Run("report", "check", dir["report"]);
        Assert.Equal(CliApp.UserError, checkCode);
        Assert.Contains("placeholders", checkOut);
        Assert.Contains("the report breaks a hard rule", checkOut);
    }

    [Fact]
    public void Remove_ARunByItsDirectory_DeletesWhatTheoryLabWroteForIt_AndLeavesTheUsersFiles()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["report"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "add", dir["run"], "--report", dir["report"]).Code);
        File.WriteAllText(Path.Combine(dir["report"], "figures", "mine.tex"), "% the student's own figure");
        string bib = File.ReadAllText(Path.Combine(dir["report"], "refs.bib"));

        var (code, stdout, _) = CliHarness.Run("report", "remove", dir["run"], "--report", dir["report"]);

        Assert.Equal(CliApp.Ok, code);
        Assert.Contains(@"delete from main.tex if present: \input{figures/probe-curve}", stdout);
        Assert.Equal([Path.Combine(dir["report"], "figures", "mine.tex")], Directory.GetFiles(Path.Combine(dir["report"], "figures")));
        Assert.False(Directory.Exists(Path.Combine(dir["report"], "runs", "probe")));
        Assert.Empty(ReportProject.Open(dir["report"]).Manifest.Runs);
        Assert.Equal(bib, File.ReadAllText(Path.Combine(dir["report"], "refs.bib")));
    }

    [Fact]
    public void Remove_ARunTheReportLacks_IsRefusedInOneLine_NamingItsRuns()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["report"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "add", dir["run"], "--report", dir["report"]).Code);
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("report", "remove", "prob", "--report", dir["report"]), "the report has no run 'prob'");
        Assert.Single(ReportProject.Open(dir["report"]).Manifest.Runs);
    }

    [Fact]
    public void Replace_PutsTheNewRunInTheOldRunsPlace_UnderItsPrefix()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["old"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--seed", "2", "--out", dir["new"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["report"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "add", dir["old"], "--report", dir["report"]).Code);

        var (code, stdout, _) = CliHarness.Run("report", "replace", "probe", dir["new"], "--report", dir["report"]);

        Assert.Equal(CliApp.Ok, code);
        Assert.StartsWith("replaced probe by probe", stdout);
        var run = Assert.Single(ReportProject.Open(dir["report"]).Manifest.Runs);
        Assert.Equal(("probe", Path.GetFullPath(dir["new"])), (run.Prefix, run.Source));
    }

    [Fact]
    public void Replace_ARunTheReportLacks_IsRefusedInOneLine()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("run", "probe", "--quick", "--out", dir["run"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["report"]).Code);
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("report", "replace", "probe", dir["run"], "--report", dir["report"]), "the report has no runs, so there is no 'probe'");
    }

    [Fact]
    public void ExportBib_WritesEveryEntryOfTheBibliography_AndRewritesItsOwnFile()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "export-bib", dir.Path).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "export-bib", dir["references.bib"]).Code);

        var keys = Bibliography.Parse(File.ReadAllText(dir["references.bib"])).Select(e => e.Key);
        Assert.Equal(Bibliography.Default.Entries.Select(e => e.Key).Order(), keys.Order());
    }

    [Fact]
    public void ExportBib_OverAFileItDidNotWrite_IsRefusedInOneLine_AndTheFileStays()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["references.bib"], "@book{mine, title = {Mine}}");
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("report", "export-bib", dir.Path), "was not written by 'theorylab report export-bib'");
        Assert.Equal("@book{mine, title = {Mine}}", File.ReadAllText(dir["references.bib"]));
    }

    [Fact]
    public void ExportBib_IntoAMissingDirectory_IsRefusedInOneLine()
    {
        using var dir = new TempDirectory();
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("report", "export-bib", Path.Combine(dir.Path, "no", "refs.bib")), "there is no directory");
    }

    [Fact]
    public void New_InADirectoryHoldingTheUsersRefsBib_IsRefusedInOneLine_AndTheFileStays()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["refs.bib"], "@book{mine, title = {Mine}}");
        CliHarness.AssertRefusedInOneLine(CliHarness.Run("report", "new", dir.Path), $"{dir["refs.bib"]} already exists, and 'report new' never overwrites a file");
        Assert.Equal("@book{mine, title = {Mine}}", File.ReadAllText(dir["refs.bib"]));
        Assert.Equal([dir["refs.bib"]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Add_ToADirectoryThatIsNoReport_SaysHowToCreateOne()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = CliHarness.Run("report", "add", dir["run"], "--report", dir.Path);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("is not a TheoryLab report", stderr);
        Assert.Contains("theorylab report new", stderr);
    }

    [Fact]
    public void New_WhereAReportExists_RefusesToOverwrite()
    {
        using var dir = new TempDirectory();
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["r"]).Code);
        var (code, _, stderr) = CliHarness.Run("report", "new", dir["r"]);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("already holds a report", stderr);
    }
}
