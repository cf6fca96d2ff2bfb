using TheoryLab.Citations;
using TheoryLab.Figures;
using TheoryLab.Report;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Report;

public class ReportProjectTests
{
    [Fact]
    public void Create_WritesMainStyleBibliographyFiguresCodeDescriptionAndManifest()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir["report"], "Edge of chaos", "Ada Student\nUniversity");
        foreach (var file in new[] { "main.tex", "theorylab-neurips.sty", "refs.bib", "code-description.tex", "report.json" })
            Assert.True(File.Exists(Path.Combine(project.Directory, file)), file);
        Assert.True(Directory.Exists(Path.Combine(project.Directory, "figures")));
        string main = File.ReadAllText(project.MainPath);
        foreach (var section in new[] { "Introduction", "Theory", "Related work", "Experiments", "Discussion", "Code description" })
            Assert.Contains($@"\section{{{section}}}", main);
        Assert.Contains(@"\begin{abstract}", main);
        Assert.Contains(@"\usepackage{pgfplots}", main);
        Assert.Contains(@"\author{Ada Student \\ University}", main);
        Assert.Equal(Bibliography.AlwaysCited, BibFile.Read(project.BibliographyPath).Select(e => e.Key));
    }

    [Fact]
    public void Create_EscapesLatexSpecialCharactersInTheTitle()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir.Path, "Depth & width: 100% of σ_w²", "A");
        Assert.Contains(@"\title{Depth \& width: 100\% of $\sigma_{w}^{2}$}", File.ReadAllText(project.MainPath));
    }

    [Fact]
    public void Create_RefusesADirectoryThatHoldsAReport()
    {
        using var dir = new TempDirectory();
        ReportProject.Create(dir.Path, "A", "B");
        var e = Assert.Throws<TheoryLabException>(() => ReportProject.Create(dir.Path, "A", "B"));
        Assert.Contains("already holds a report", e.Message);
    }

    [Theory]
    [InlineData("refs.bib")]
    [InlineData("theorylab-neurips.sty")]
    [InlineData("code-description.tex")]
    [InlineData("report.json")]
    public void Create_InADirectoryHoldingAFileItWouldWrite_RefusesNamingIt_AndWritesNothing(string file)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir[file], "the user's own");
        var e = Assert.Throws<TheoryLabException>(() => ReportProject.Create(dir.Path, "A", "B"));
        Assert.Equal($"{dir[file]} already exists, and 'report new' never overwrites a file; move it aside or choose another directory.", e.Message);
        Assert.Equal("the user's own", File.ReadAllText(dir[file]));
        Assert.Equal([dir[file]], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Open_WithoutManifest_SaysHowToCreateAReport()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<TheoryLabException>(() => ReportProject.Open(dir.Path));
        Assert.Contains("theorylab report new", e.Message);
    }

    [Fact]
    public void Add_CopiesTheRunsFiguresUnderItsPrefix_RewritingInputAndLabel()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir["runs"]);
        var project = ReportProject.Create(dir["report"], "T", "A");

        var added = Assert.Single(project.Add(run).Runs);

        Assert.Equal("length-map", added.Prefix);
        var figure = Assert.Single(added.Figures);
        Assert.Equal("figures/length-map-q-map.tex", figure.Snippet);
        Assert.Equal(@"\input{figures/length-map-q-map}", figure.InputLine);
        string snippet = File.ReadAllText(Path.Combine(project.Directory, figure.Snippet));
        Assert.Contains(@"\input{figures/length-map-q-map.tikz}", snippet);
        Assert.Contains(@"\label{fig:length-map-q-map}", snippet);
        Assert.Equal(File.ReadAllText(Path.Combine(run, "figures", "q-map.tikz")), File.ReadAllText(Path.Combine(project.Directory, figure.Picture)));
        Assert.True(File.Exists(Path.Combine(project.Directory, "runs", "length-map", "run.json")));
        Assert.True(File.Exists(Path.Combine(project.Directory, "runs", "length-map", "tables", "length.csv")));
    }

    [Fact]
    public void Add_AHeatmap_CopiesItsCellsImageUnderThePrefix_AndPointsThePictureAtTheCopy()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(new HeatmapExperiment(), dir["runs"]);
        var project = ReportProject.Create(dir["report"], "T", "A");

        var figure = Assert.Single(Assert.Single(project.Add(run).Runs).Figures);

        Assert.Equal(["figures/heat-map-cells.png"], figure.Images);
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "figures", "map-cells.png")), File.ReadAllBytes(Path.Combine(project.Directory, figure.Images[0])));
        Assert.Contains("{figures/heat-map-cells.png};", File.ReadAllText(Path.Combine(project.Directory, figure.Picture)));
    }

    [Fact]
    public void Add_AtEachWidth_WritesTheSnippetAtThatWidth_AndRecordsIt()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir["runs"]);
        var project = ReportProject.Create(dir["report"], "T", "A");

        foreach (var width in new[] { FigureWidth.Full, FigureWidth.Half })
        {
            var figure = Assert.Single(Assert.Single(project.Add(width, run).Runs).Figures);
            string snippet = File.ReadAllText(Path.Combine(project.Directory, figure.Snippet));
            Assert.Equal(width, ReportProject.Open(project.Directory).Manifest.Runs[0].Figures[0].Width);
            Assert.Equal(width == FigureWidth.Half, snippet.Contains("minipage"));
            Assert.Contains(@"\label{fig:length-map-q-map}", snippet);
        }
    }

    [Fact]
    public void Pair_PutsTwoFiguresOfDifferentRunsSideBySide_AndAddingARunAgainRewritesIt()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir["report"], "T", "A");
        project.Add(TestRuns.Create(dir["runs"]), TestRuns.Create(new HeatmapExperiment(), dir["runs"]));

        var pair = project.Pair("figures/length-map-q-map", "fig:heat-map");

        Assert.Equal("figures/length-map-q-map-and-heat-map.tex", pair.Snippet);
        Assert.Equal(@"\input{figures/length-map-q-map-and-heat-map}", pair.InputLine);
        string path = Path.Combine(project.Directory, pair.Snippet);
        string snippet = File.ReadAllText(path);
        Assert.Contains(@"\input{figures/length-map-q-map.tikz}", snippet);
        Assert.Contains(@"\input{figures/heat-map.tikz}", snippet);
        Assert.Contains(@"\label{fig:length-map-q-map-and-heat-map}", snippet);
        Assert.Equal([pair], ReportProject.Open(project.Directory).Manifest.Pairs);

        File.WriteAllText(path, "stale");
        project.Add(project.Manifest.Runs[0].Source);
        Assert.Equal(snippet, File.ReadAllText(path));
    }

    [Fact]
    public void Pair_OfAFigureTheReportLacks_SuggestsTheNearestItHas()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir["report"], "T", "A");
        project.Add(TestRuns.Create(dir["runs"]));
        var e = Assert.Throws<TheoryLabException>(() => project.Pair("length-map-q-mop", "length-map-q-map"));
        Assert.Contains("did you mean length-map-q-map", e.Message);
    }

    [Fact]
    public void Add_TwoRunsOfOneExperiment_KeepsTheirFiguresAndLabelsApart()
    {
        using var dir = new TempDirectory();
        string first = TestRuns.Create(dir["runs"], seed: 0);
        string second = TestRuns.Create(dir["runs"], seed: 1);
        var project = ReportProject.Create(dir["report"], "T", "A");

        var result = project.Add(first, second);

        var labels = result.Runs.SelectMany(r => r.Figures).Select(f => f.Label).ToList();
        Assert.Equal(2, labels.Distinct().Count());
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(project.Directory, "figures"), "*.tikz").Count());
        Assert.StartsWith("length-map-seed1-", result.Runs[1].Prefix);
        Assert.Equal(2, ReportProject.Open(project.Directory).Manifest.Runs.Count);
    }

    [Fact]
    public void Add_MergesTheRunsPapersSoftwareAndDatasetIntoRefsBib_WithoutDuplicates()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir["runs"]);
        string other = TestRuns.Create(dir["runs"], seed: 2);
        var project = ReportProject.Create(dir["report"], "T", "A");

        var first = Assert.Single(project.Add(run).Runs);
        project.Add(other);

        Assert.Equal(["poole2016exponential", "lecun1998mnist"], first.AddedCitations);
        var keys = BibFile.Read(project.BibliographyPath).Select(e => e.Key).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Contains("lecun1998mnist", keys);
    }

    [Fact]
    public void Add_ARunOnMnistsTestSplit_CarriesTheMnistEntryInTheRunsAndTheReportsRefsBib()
    {
        // batch-norm's default dataset is mnist-t10k, which the old second registry of dataset citations lacked.
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir["runs"], new LengthMapOptions { Dataset = "mnist-t10k" });
        var project = ReportProject.Create(dir["report"], "T", "A");
        project.Add(run);

        Assert.Contains("@misc{lecun1998mnist", File.ReadAllText(Path.Combine(run, RunLayout.BibliographyFile)));
        Assert.Contains("lecun1998mnist", BibFile.Read(project.BibliographyPath).Select(e => e.Key));
    }

    [Fact]
    public void Add_ARunRerunIntoTheSameDirectoryWithOtherOptions_ReplacesTheOldOneUnderItsPrefix()
    {
        using var dir = new TempDirectory();
        var experiment = new LengthMapExperiment();
        string Rerun(LengthMapOptions options) => Runner.Run(new RunRequest(experiment, options) { OutputDirectory = dir["run"], Force = true }).Directory;
        var project = ReportProject.Create(dir["report"], "T", "A");
        project.Add(Rerun(experiment.Quick));
        string oldId = project.Manifest.Runs.Single().RunId;

        var replaced = Assert.Single(project.Add(Rerun(experiment.Quick with { SigmaW2 = 0.3 })).Runs);

        var run = Assert.Single(project.Manifest.Runs);
        Assert.NotEqual(oldId, run.RunId);
        Assert.Equal("length-map", run.Prefix);
        Assert.True(replaced.Refreshed);
    }

    [Fact]
    public void Add_TheSameRunAgain_RefreshesItInsteadOfAddingItTwice()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir["runs"]);
        var project = ReportProject.Create(dir["report"], "T", "A");
        project.Add(run);

        var again = Assert.Single(project.Add(run).Runs);

        Assert.True(again.Refreshed);
        Assert.Equal("length-map", again.Prefix);
        Assert.Single(project.Manifest.Runs);
    }

    [Fact]
    public void Add_KeepsAnEditedBibEntry_AndReportsTheConflict()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir["runs"]);
        var project = ReportProject.Create(dir["report"], "T", "A");
        File.AppendAllText(project.BibliographyPath, "\n@article{poole2016exponential,\n  author = {Poole, B.},\n  title = {Edited},\n  year = {2016}\n}\n");

        var added = Assert.Single(project.Add(run).Runs);

        Assert.Contains("poole2016exponential", added.ConflictingCitations);
        Assert.Contains("Edited", File.ReadAllText(project.BibliographyPath));
    }

    [Fact]
    public void Add_RefusesADirectoryThatIsNotACompletedRun()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir["report"], "T", "A");
        var e = Assert.Throws<TheoryLabException>(() => project.Add(dir.Path));
        Assert.Contains("not a completed run directory", e.Message);
    }
}
