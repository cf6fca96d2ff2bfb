using TheoryLab.Report;
using TheoryLab.Report.Latex;

namespace TheoryLab.Tests.Report.Latex;

public class ReportBuilderTests
{
    [LatexFact]
    public void Build_AnErrorInAFigureSnippet_IsReportedAtThatFileAndLine()
    {
        using var dir = new TempDirectory();
        var project = SampleReport.Create(dir["report"], dir["runs"]);
        string snippet = Path.Combine(project.Directory, project.Manifest.Runs[0].Figures[0].Snippet);
        var lines = File.ReadAllLines(snippet).ToList();
        // TeX reads a caption's argument whole and reports an error in it at the argument's last line.
        int captionLine = lines.FindIndex(l => l.Contains(@"\label"));
        lines[captionLine - 1] = @"\undefinedmacro " + lines[captionLine - 1];
        File.WriteAllLines(snippet, lines);

        var result = ReportBuilder.Build(project.Directory);

        Assert.False(result.Succeeded);
        Assert.Null(result.PdfPath);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"figures/length-map-q-map.tex:{captionLine}", error.Where);
        Assert.StartsWith(@"Undefined control sequence. \undefinedmacro", error.Message);
    }

    [LatexFact]
    public void Build_APictureLineLongerThanTeXsBuffer_IsReportedWithTeXsMessageAtThePicture()
    {
        using var dir = new TempDirectory();
        var project = SampleReport.Create(dir["report"], dir["runs"]);
        string picture = project.Manifest.Runs[0].Figures[0].Picture;
        File.WriteAllText(Path.Combine(project.Directory, picture), "% " + new string('x', 250_000) + "\n");

        var result = ReportBuilder.Build(project.Directory);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(picture, error.Where);
        Assert.StartsWith("Unable to read an entire line", error.Message);
    }

    [LatexFact]
    public void Build_ABrokenBibliographyEntry_IsReportedAtItsLineInRefsBib()
    {
        using var dir = new TempDirectory();
        var project = SampleReport.Create(dir["report"], dir["runs"], withFigure: false);
        File.AppendAllText(project.BibliographyPath, "\n@article{broken2020,\n  author = {A. Author},\n  title = {Missing comma}\n  year = {2020}\n}\n");
        int line = File.ReadAllLines(project.BibliographyPath).ToList().IndexOf("  year = {2020}") + 1;
        File.WriteAllText(project.MainPath, File.ReadAllText(project.MainPath).Replace(@"\end{abstract}", @"\citep{broken2020}\end{abstract}"));

        var result = ReportBuilder.Build(project.Directory);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.File == "refs.bib" && e.Line == line && e.Message.StartsWith("BibTeX", StringComparison.Ordinal));
    }

    [LatexFact]
    public void Build_AFreshTemplate_Succeeds_SoTheFirstBuildWorks()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir.Path, "A fresh report", "Ada Student");

        var result = ReportBuilder.Build(project.Directory);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(project.PdfPath, result.PdfPath);
    }

    [LatexFact]
    public void Build_WithAnOfficialNeuripsStyleBesideMainTex_UsesItInstead()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir.Path, "A report in the official style", "Ada Student");
        File.WriteAllText(Path.Combine(project.Directory, "neurips_2031.sty"),
            "\\ProvidesPackage{neurips_2031}\n\\DeclareOption{preprint}{}\n\\ProcessOptions\\relax\n\\RequirePackage{natbib}\n" +
            "\\AtBeginDocument{\\typeout{OFFICIAL-STYLE-LOADED}}\n");

        var result = ReportBuilder.Build(project.Directory);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        string log = File.ReadAllText(result.LogPath);
        Assert.Contains("OFFICIAL-STYLE-LOADED", log);
        Assert.Contains("Using the official neurips_2031.sty", log);
    }

    [Fact]
    public void MissingTool_NamesTheDebianPackagesToInstall()
    {
        var e = Assert.Throws<LatexToolMissingException>(() => LatexTools.Require("latexmk-that-does-not-exist", "build the report"));
        Assert.Contains("apt-get install texlive-latex-recommended texlive-fonts-recommended texlive-pictures latexmk poppler-utils", e.Message);
        Assert.Contains("cannot build the report", e.Message);
    }

    [Fact]
    public void Build_WithoutMainTex_SaysHowToCreateAReport()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TheoryLabException>(() => ReportBuilder.Build(dir.Path));
        Assert.Contains("theorylab report new", e.Message);
    }
}
