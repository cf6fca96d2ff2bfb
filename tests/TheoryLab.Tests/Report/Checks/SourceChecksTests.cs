using System.Text.RegularExpressions;
using TheoryLab.Citations;
using TheoryLab.Report;
using TheoryLab.Report.Checks;

namespace TheoryLab.Tests.Report.Checks;

/// <summary>The rules that read the LaTeX source, on reports without a PDF (no LaTeX needed).</summary>
public class SourceChecksTests
{
    private static ReportCheck CheckSample(TempDirectory dir, Action<ReportProject>? change = null)
    {
        var project = SampleReport.Create(dir["report"], dir["runs"]);
        change?.Invoke(project);
        return ReportChecker.Check(project.MainPath);
    }

    private static IReadOnlyList<RuleResult> Rule(ReportCheck check, string id) => check.Results.Where(r => r.Rule == id).ToList();

    private static void Append(ReportProject project, string text) =>
        File.WriteAllText(project.MainPath, File.ReadAllText(project.MainPath).Replace(@"\section{Code description}", text + "\n\n" + @"\section{Code description}"));

    private static int LineOf(ReportProject project, string text) =>
        File.ReadAllLines(project.MainPath).Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void SampleReport_PassesEveryRuleTheSourceDecides()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir);
        var failed = check.Results.Where(r => r.Status == RuleStatus.Failed).Select(r => $"{r.Rule} {r.Where} {r.Message}").ToList();
        Assert.Empty(failed);
        Assert.All(Rule(check, "text-pages"), r => Assert.Equal(RuleStatus.NotChecked, r.Status));
        Assert.True(check.HasHardFailures, "page rules cannot be measured without a PDF, so the check is not a pass");
    }

    [Fact]
    public void InformalPhrases_AreReportedAtTheirFileAndLine_EachOnce()
    {
        using var dir = new TempDirectory();
        ReportProject? project = null;
        var check = CheckSample(dir, p =>
        {
            project = p;
            Append(p, "We hope the effect is general.\nWe would like\nto thank the reviewers. The value isn't known; it's small.\n% We try to hide this comment.\nThis is $a lot$ of math.");
        });
        var rows = Rule(check, "informal-phrasing");
        int line = LineOf(project!, "We hope");
        Assert.Equal([$"main.tex:{line}", $"main.tex:{line + 1}", $"main.tex:{line + 2}", $"main.tex:{line + 2}"], rows.Select(r => r.Where));
        Assert.All(rows, r => Assert.Equal(RuleStatus.Failed, r.Status));
        Assert.Contains("\"would like\nto\"".Replace("\n", " "), rows[1].Message);
        Assert.Contains("isn't", rows[2].Message);
        Assert.Contains("it's", rows[3].Message);
    }

    [Fact]
    public void Hedges_AreSoftAdviceAtTheirLine()
    {
        using var dir = new TempDirectory();
        ReportProject? project = null;
        var check = CheckSample(dir, p => { project = p; Append(p, "The network basically learns a lot of things."); });
        var rows = Rule(check, "hedges");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(RuleSeverity.Soft, r.Severity));
        Assert.All(rows, r => Assert.Equal($"main.tex:{LineOf(project!, "basically")}", r.Where));
    }

    [Fact]
    public void PhrasesInAnInputFile_AreReportedInThatFile()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir, p => File.AppendAllText(Path.Combine(p.Directory, "code-description.tex"), "\nWe tried to keep it short.\n"));
        var row = Assert.Single(Rule(check, "informal-phrasing"));
        Assert.StartsWith("code-description.tex:", row.Where);
    }

    [Fact]
    public void UnreferencedFigure_FailsAtItsBeginFigureLine()
    {
        using var dir = new TempDirectory();
        ReportProject? project = null;
        var check = CheckSample(dir, p =>
        {
            project = p;
            Append(p, "\\begin{figure}[t]\n\\centering\n\\caption{Never discussed.}\n\\label{fig:orphan}\n\\end{figure}");
        });
        var row = Assert.Single(Rule(check, "floats-referenced"));
        Assert.Equal(RuleStatus.Failed, row.Status);
        Assert.Equal($"main.tex:{LineOf(project!, "\\begin{figure}[t]")}", row.Where);
        Assert.Contains("fig:orphan", row.Message);
    }

    [Fact]
    public void FigureWithoutCaptionOrLabel_IsFlaggedForBoth()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir, p => Append(p, "\\begin{figure}[t]\n\\centering\n\\rule{1cm}{1cm}\n\\end{figure}"));
        var rows = Rule(check, "floats-referenced");
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Message.Contains("without a caption"));
        Assert.Contains(rows, r => r.Message.Contains("without a label"));
    }

    [Fact]
    public void FewerThanTwoResearchPapersCited_FailsPapersCited()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir, p =>
        {
            string main = File.ReadAllText(p.MainPath);
            foreach (var key in SampleReport.Cited.Skip(1)) main = main.Replace(key, SampleReport.Cited[0]);
            File.WriteAllText(p.MainPath, main);
        });
        var row = Assert.Single(Rule(check, "papers-cited"));
        Assert.Equal(RuleStatus.Failed, row.Status);
        Assert.Contains("1 research paper", row.Message);
    }

    [Fact]
    public void ABodyCitingNothing_FailsPapersCited_ThoughTheCodeDescriptionCitesTwoPapers()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir, p =>
        {
            File.WriteAllText(p.MainPath, Regex.Replace(File.ReadAllText(p.MainPath), @"~?\\cite[tp]?\{[^}]*\}", ""));
            File.WriteAllText(Path.Combine(p.Directory, "code-description.tex"),
                @"One run reproduces \citet{poole2016exponential}; another reproduces \citet{schoenholz2017deep}. Software \citep{theorylab,torchsharp,paszke2019pytorch}, data \citep{lecun1998mnist}.");
        });
        var row = Assert.Single(Rule(check, "papers-cited"));
        Assert.Equal(RuleStatus.Failed, row.Status);
        Assert.StartsWith("0 research paper(s) cited in the text", row.Message);
        Assert.Contains("poole2016exponential", row.Message);
    }

    [Fact]
    public void OnlyReviewsAmongTheReferences_FailsOriginalResearch()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir, p =>
        {
            BibFile.Merge(p.BibliographyPath, [Bibliography.Default.Get("poggio2017why"), Bibliography.Default.Get("bottou2018optimization")]);
            string main = File.ReadAllText(p.MainPath);
            main = main.Replace("poole2016exponential", "poggio2017why").Replace("schoenholz2017deep", "bottou2018optimization")
                .Replace("pennington2017resurrecting", "poggio2017why").Replace("glorot2010understanding", "bottou2018optimization");
            File.WriteAllText(p.MainPath, main);
            File.WriteAllText(Path.Combine(p.Directory, "code-description.tex"), @"Software: \citep{theorylab,torchsharp,paszke2019pytorch}, data \citep{lecun1998mnist}.");
        });
        var row = Assert.Single(Rule(check, "original-research"));
        Assert.Equal(RuleStatus.Failed, row.Status);
        Assert.Contains("poggio2017why", row.Message);
        Assert.Equal(RuleStatus.Passed, Assert.Single(Rule(check, "papers-cited")).Status);
    }

    [Fact]
    public void UnknownCitationAndLabel_AreReportedAtTheirLine()
    {
        using var dir = new TempDirectory();
        ReportProject? project = null;
        var check = CheckSample(dir, p => { project = p; Append(p, "As shown by \\citet{nobody2020}, see Figure~\\ref{fig:missing}."); });
        var rows = Rule(check, "unresolved");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal($"main.tex:{LineOf(project!, "nobody2020")}", r.Where));
    }

    [Fact]
    public void SoftwareOrDatasetNotCited_FailsAttribution_NamingTheRunAndKeys()
    {
        using var dir = new TempDirectory();
        var check = CheckSample(dir, p => File.WriteAllText(Path.Combine(p.Directory, "code-description.tex"), @"The code uses TheoryLab~\citep{theorylab}."));
        var row = Assert.Single(Rule(check, "software-data-cited"));
        Assert.Equal(RuleStatus.Failed, row.Status);
        Assert.Contains("run length-map", row.Where);
        Assert.Contains("torchsharp", row.Message);
        Assert.Contains("lecun1998mnist", row.Message);
        Assert.DoesNotContain("theorylab,", row.Message);
    }

    [Fact]
    public void LongListingOrWholeFile_FailsCodeNotIncluded()
    {
        using var dir = new TempDirectory();
        string listing = "\\begin{verbatim}\n" + string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n\\end{verbatim}";
        var check = CheckSample(dir, p => Append(p, listing + "\n\\lstinputlisting{Program.cs}"));
        var rows = Rule(check, "code-not-included");
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Message.Contains("20 lines"));
        Assert.Contains(rows, r => r.Message.Contains("whole source file"));
    }

    [Fact]
    public void FreshTemplate_FailsPlaceholdersContributionsAndPapers()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir.Path, "T", "A");
        var check = ReportChecker.Check(project.MainPath);
        Assert.Equal(7, Rule(check, "placeholders").Count(r => r.Status == RuleStatus.Failed));
        Assert.Equal(RuleStatus.Failed, Assert.Single(Rule(check, "contributions")).Status);
        Assert.Equal(RuleStatus.Failed, Assert.Single(Rule(check, "papers-cited")).Status);
        Assert.Equal(RuleStatus.Passed, Assert.Single(Rule(check, "sections")).Status);
    }

    [Fact]
    public void MissingContributionStatement_FailsAtTheIntroduction()
    {
        using var dir = new TempDirectory();
        ReportProject? project = null;
        var check = CheckSample(dir, p =>
        {
            project = p;
            File.WriteAllText(p.MainPath, File.ReadAllText(p.MainPath).Replace("In this paper we", "Here we").Replace("Our contributions are", "The work consists of"));
        });
        var row = Assert.Single(Rule(check, "contributions"));
        Assert.Equal(RuleStatus.Failed, row.Status);
        Assert.Equal($"main.tex:{LineOf(project!, "\\section{Introduction}")}", row.Where);
    }

    [Fact]
    public void Json_ListsEveryRowWithStatusAndSeverity()
    {
        using var dir = new TempDirectory();
        string json = CheckSample(dir).ToJson();
        Assert.Contains("\"rule\": \"informal-phrasing\"", json);
        Assert.Contains("\"status\": \"not-checked\"", json);
        Assert.Contains("\"severity\": \"hard\"", json);
        Assert.Contains("\"hasHardFailures\": true", json);
    }
}
