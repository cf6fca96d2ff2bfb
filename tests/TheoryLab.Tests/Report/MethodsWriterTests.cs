using TheoryLab.Report;
using TheoryLab.Report.Checks;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Report;

public class MethodsWriterTests
{
    [Fact]
    public void Write_NamesVersionsExperimentNonDefaultOptionsSeedDatasetAndHardware()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir.Path, new LengthMapOptions { Points = 12, SigmaW2 = 2.5 }, seed: 7);
        var record = RunRecord.TryRead(run)!;

        string text = MethodsWriter.Write([record]);

        Assert.Contains($"TheoryLab~{record.Provenance.TheoryLabVersion}", text);
        Assert.Contains(@"\texttt{length-map}", text);
        Assert.Contains(@"\citet{poole2016exponential}", text);
        Assert.Contains(@"\texttt{points}~=~12", text);
        Assert.Contains(@"\texttt{sigma\_w2}~=~2.5", text);
        Assert.Contains("seed 7", text);
        Assert.Contains(@"MNIST~\citep{lecun1998mnist}", text);
        Assert.Contains(record.Provenance.Cores + " cores", text);
        Assert.Contains("CPU", text);
    }

    [Fact]
    public void Write_CitesEverySoftwareAndDatasetTheRunsUsed()
    {
        using var dir = new TempDirectory();
        var record = RunRecord.TryRead(TestRuns.Create(dir.Path))!;
        string text = MethodsWriter.Write([record]);
        foreach (var key in RunCitations.Of(record).All)
            Assert.Contains(key, text);
    }

    [Fact]
    public void Write_AQuickRun_NamesItsOptionsAsTheQuickProfilesReductions()
    {
        using var dir = new TempDirectory();
        string text = MethodsWriter.Write([RunRecord.TryRead(TestRuns.Create(dir.Path))!]);
        Assert.Contains(@"the paper's settings except TheoryLab's quick reductions (\texttt{points}~=~10)", text);
        Assert.DoesNotContain("our change", text);
    }

    [Fact]
    public void Write_AQuickRunWithAChangedOption_TellsTheReductionFromTheChange()
    {
        using var dir = new TempDirectory();
        string run = TestRuns.Create(dir.Path, new LengthMapOptions { Points = 10, SigmaW2 = 0.3 });
        string text = MethodsWriter.Write([RunRecord.TryRead(run)!]);
        Assert.Contains(@"TheoryLab's quick reductions (\texttt{points}~=~10) and our change \texttt{sigma\_w2}~=~0.3", text);
    }

    [Fact]
    public void Write_ARunWithThePapersDefaults_SaysSoAndNamesNoOption()
    {
        using var dir = new TempDirectory();
        string text = MethodsWriter.Write([RunRecord.TryRead(TestRuns.Create(dir.Path, new LengthMapOptions()))!]);
        Assert.Contains("one run with the paper's settings, seed 0.", text);
        Assert.DoesNotContain("quick reductions", text);
    }

    [Fact]
    public void Write_AMnist1DRun_CitesMnist1DAndNotMnist()
    {
        using var dir = new TempDirectory();
        var record = RunRecord.TryRead(TestRuns.Create(dir.Path, new LengthMapOptions { Dataset = "mnist1d" }))!;
        string text = MethodsWriter.Write([record]);
        Assert.Contains(@"MNIST-1D~\citep{greydanus2020scaling}", text);
        Assert.DoesNotContain("lecun1998mnist", text);
    }

    [Fact]
    public void Write_GroupsRunsOfOneExperiment_AndListsTheirSeeds()
    {
        using var dir = new TempDirectory();
        var records = new[] { 3, 4 }.Select(seed => RunRecord.TryRead(TestRuns.Create(dir.Path, seed: seed))!).ToList();
        string text = MethodsWriter.Write(records);
        Assert.Contains("2 runs", text);
        Assert.Contains("seeds 3, 4", text);
    }

    [Fact]
    public void Write_PassesTheAcademicToneRule()
    {
        using var dir = new TempDirectory();
        var record = RunRecord.TryRead(TestRuns.Create(dir.Path))!;
        string text = MethodsWriter.Write([record]);
        foreach (var phrase in InformalPhrases.Forbidden.Concat(InformalPhrases.Hedges))
            Assert.DoesNotMatch(phrase.Pattern, TexProse.Clean(text));
    }

    [Fact]
    public void Write_NamesTheGpuForARunOnCuda()
    {
        using var dir = new TempDirectory();
        var record = RunRecord.TryRead(TestRuns.Create(dir.Path))! with { Device = "cuda" };
        Assert.Contains("The runs used a CUDA GPU (", MethodsWriter.Write([record]));
    }

    [Fact]
    public void Write_WithoutRuns_SaysHowToAddThem()
    {
        var e = Assert.Throws<TheoryLabException>(() => MethodsWriter.Write([]));
        Assert.Contains("theorylab report add", e.Message);
    }

    [Fact]
    public void WriteFile_PutsTheParagraphWhereMainTexInputsIt()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir["report"], "T", "A");
        project.Add(TestRuns.Create(dir["runs"]));
        string path = MethodsWriter.WriteFile(project);
        Assert.Equal(Path.Combine(project.Directory, "code-description.tex"), path);
        Assert.Contains(@"\input{code-description}", File.ReadAllText(project.MainPath));
        Assert.Contains(@"\citep{torchsharp}", File.ReadAllText(path));
    }
}
