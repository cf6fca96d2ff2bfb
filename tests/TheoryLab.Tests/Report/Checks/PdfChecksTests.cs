using System.Globalization;
using TheoryLab.Citations;
using TheoryLab.Report;
using TheoryLab.Report.Checks;
using TheoryLab.Report.Latex;

namespace TheoryLab.Tests.Report.Checks;

/// <summary>The sample report, built once for the tests that only read it.</summary>
public sealed class BuiltSample : IDisposable
{
    private readonly TempDirectory _dir = new();

    public BuiltSample()
    {
        if (!LatexTools.LatexAvailable || !LatexTools.PopplerAvailable) return;
        Project = SampleReport.Create(_dir["report"], _dir["runs"]);
        Build = ReportBuilder.Build(Project.Directory);
    }

    public ReportProject? Project { get; }
    public BuildResult? Build { get; }
    public string Temp(string name) => _dir[name];
    public void Dispose() => _dir.Dispose();
}

/// <summary>The rules measured on real PDFs: a sample that passes, and reports made to break one rule each.</summary>
public class PdfChecksTests(BuiltSample sample) : IClassFixture<BuiltSample>
{
    private static IReadOnlyList<RuleResult> Rule(ReportCheck check, string id) => check.Results.Where(r => r.Rule == id).ToList();

    private static ReportProject BuiltVariant(TempDirectory dir, Action<ReportProject> change, bool withFigure = false)
    {
        var project = SampleReport.Create(dir["report"], dir["runs"], withFigure);
        change(project);
        var build = ReportBuilder.Build(project.Directory);
        Assert.True(build.Succeeded, string.Join("\n", build.Errors));
        return project;
    }

    [LatexFact]
    public void SampleReport_BuildsWithoutWarnings_AndPassesEveryRule()
    {
        Assert.True(sample.Build!.Succeeded, string.Join("\n", sample.Build.Errors));
        Assert.Empty(sample.Build.Warnings);
        var check = ReportChecker.Check(sample.Project!.MainPath);
        var notPassed = check.Results.Where(r => r.Status != RuleStatus.Passed).Select(r => $"{r.Rule} {r.Status} {r.Where} {r.Message}").ToList();
        Assert.Empty(notPassed);
        Assert.False(check.HasHardFailures);
        Assert.Equal(ReportChecker.Rules.Count, check.Results.Count);
    }

    [LatexFact]
    public void SamplePdfAlone_PassesEveryRuleThePdfDecides_AndSaysWhichNeedTheSource()
    {
        string alone = sample.Temp("alone");
        Directory.CreateDirectory(alone);
        string pdf = Path.Combine(alone, "report.pdf");
        File.Copy(sample.Project!.PdfPath, pdf, overwrite: true);

        var check = ReportChecker.Check(pdf);

        Assert.Empty(check.Failures);
        Assert.All(Rule(check, "papers-cited"), r => Assert.Equal(RuleStatus.NotChecked, r.Status));
        foreach (var id in new[] { "text-pages", "reference-pages", "total-pages", "code-description", "informal-phrasing", "contributions", "floats-referenced", "page-format" })
            Assert.All(Rule(check, id), r => Assert.Equal(RuleStatus.Passed, r.Status));
    }

    [LatexFact]
    public void SixPagesOfText_FailTextPagesAtPage6_AndTotalPages()
    {
        using var dir = new TempDirectory();
        var project = BuiltVariant(dir, p => File.WriteAllText(p.MainPath,
            File.ReadAllText(p.MainPath).Replace(@"\section{Code description}", SampleReport.Paragraphs(52) + "\n\n" + @"\section{Code description}")));

        var check = ReportChecker.Check(project.PdfPath);

        var text = Assert.Single(Rule(check, "text-pages"));
        Assert.Equal(RuleStatus.Failed, text.Status);
        Assert.Equal("page 6", text.Where);
        Assert.Equal(RuleStatus.Failed, Assert.Single(Rule(check, "total-pages")).Status);
        Assert.Equal(RuleStatus.Passed, Assert.Single(Rule(check, "reference-pages")).Status);
    }

    [LatexFact]
    public void SixPagesOfText_FailureSaysWhatEachSectionTakes_AndHintsInLatex()
    {
        using var dir = new TempDirectory();
        var project = BuiltVariant(dir, p => File.WriteAllText(p.MainPath,
            File.ReadAllText(p.MainPath).Replace(@"\section{Code description}", SampleReport.Paragraphs(52) + "\n\n" + @"\section{Code description}")));

        var text = Assert.Single(Rule(ReportChecker.Check(project.PdfPath), "text-pages"));

        // The 52 paragraphs went into the Discussion, which is therefore named with more than four pages; the sample's
        // one float, a three-row table, takes about 54 pt of the 648-pt text block.
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text.Message, @"the space each part takes, floats within it included: .*Introduction \d\.\d\d, .*Discussion [4-9]\.\d\d, Code description 0\.\d\d; of that, floats: Table 1 0\.0[5-9]$"), text.Message);
        Assert.Contains(@"width=0.49\linewidth", text.HowToFix);
        Assert.DoesNotContain("FigureWidth", text.HowToFix);
    }

    [LatexFact]
    public void TwoPagesOfReferences_FailReferencePages_TextStartingTheirPageMeasuresExactly_AndTitlesAreNotProse()
    {
        using var dir = new TempDirectory();
        var project = BuiltVariant(dir, p =>
        {
            BibFile.Merge(p.BibliographyPath, Bibliography.Default.Entries);
            File.WriteAllText(p.MainPath, File.ReadAllText(p.MainPath).Replace(@"\bibliographystyle{plainnat}", @"\clearpage\nocite{*}\bibliographystyle{plainnat}"));
        });

        var check = ReportChecker.Check(project.MainPath);

        var references = Assert.Single(Rule(check, "reference-pages"));
        Assert.Equal(RuleStatus.Failed, references.Status);
        Assert.Matches(@"^[2-9]\.\d\d pages of references", references.Message);
        int page = int.Parse(references.Where["page ".Length..]);
        var text = Assert.Single(Rule(check, "text-pages"));
        Assert.Equal(RuleStatus.Passed, text.Status);
        Assert.StartsWith($"{page - 1}.00 pages", text.Message);
        string alone = Path.Combine(dir.Path, "alone.pdf");
        File.Copy(project.PdfPath, alone);
        Assert.Equal(RuleStatus.Passed, Assert.Single(Rule(ReportChecker.Check(alone), "informal-phrasing")).Status);
    }

    [LatexFact]
    public void LongCodeDescription_InformalPhrasesAndAnUnreferencedFigure_AreCaughtInSourceAndPdf()
    {
        using var dir = new TempDirectory();
        var project = BuiltVariant(dir, p =>
        {
            File.AppendAllText(Path.Combine(p.Directory, "code-description.tex"), SampleReport.Paragraphs(14));
            File.WriteAllText(p.MainPath, File.ReadAllText(p.MainPath).Replace(@"\section{Theory}",
                "We hope the result holds, and we don't doubt it.\n\\begin{figure}[h]\\centering\\rule{2cm}{1cm}\\caption{Never discussed.}\\label{fig:orphan}\\end{figure}\n\n\\section{Theory}"));
        });
        string alone = Path.Combine(dir.Path, "alone.pdf");
        File.Copy(project.PdfPath, alone);

        var fromSource = ReportChecker.Check(project.MainPath);
        var fromPdf = ReportChecker.Check(alone);

        int line = File.ReadAllLines(project.MainPath).ToList().FindIndex(l => l.StartsWith("We hope", StringComparison.Ordinal)) + 1;
        Assert.Equal([$"main.tex:{line}", $"main.tex:{line}"], Rule(fromSource, "informal-phrasing").Select(r => r.Where));
        Assert.Equal(["page 1", "page 1"], Rule(fromPdf, "informal-phrasing").Select(r => r.Where));
        Assert.Contains("fig:orphan", Assert.Single(Rule(fromSource, "floats-referenced")).Message);
        Assert.Equal("page 1", Assert.Single(Rule(fromPdf, "floats-referenced")).Where);
        foreach (var check in new[] { fromSource, fromPdf })
        {
            var code = Assert.Single(Rule(check, "code-description"));
            Assert.Equal(RuleStatus.Failed, code.Status);
            Assert.Contains("Code description", code.Message);
        }
    }

    [LatexFact]
    public void ShortCodeDescription_WithATallFigureSetInsideIt_IsMeasuredWithoutTheFigure()
    {
        using var dir = new TempDirectory();
        var project = BuiltVariant(dir, p => File.AppendAllText(Path.Combine(p.Directory, "code-description.tex"),
            SampleReport.Paragraphs(1) + "\n\nFigure~\\ref{fig:tall} shows the layout of the runs.\n" +
            "\\begin{figure}[h]\\centering\\rule{0.9\\linewidth}{0.4\\textheight}\\caption{A tall figure that LaTeX sets inside the code description.}\\label{fig:tall}\\end{figure}" +
            SampleReport.Paragraphs(4)));

        var code = Assert.Single(Rule(ReportChecker.Check(project.MainPath), "code-description"));

        var measured = System.Text.RegularExpressions.Regex.Match(code.Message, @"is ([0-9.]+) pages long \(not counting ([0-9.]+) pages of floats set inside it\)");
        Assert.True(measured.Success, code.Message);
        double text = double.Parse(measured.Groups[1].Value, CultureInfo.InvariantCulture), floats = double.Parse(measured.Groups[2].Value, CultureInfo.InvariantCulture);
        // The section spans more than a page with its figure, which a measure from heading to heading failed; its text alone is within the page.
        Assert.True(text + floats > CodeDescriptionRule.Limit + PageGeometry.Tolerance, code.Message);
        Assert.InRange(floats, 0.4, 0.55);
        Assert.Equal(RuleStatus.Passed, code.Status);
    }
}
