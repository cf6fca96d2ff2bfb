using TheoryLab.Experiments;
using TheoryLab.Report;
using TheoryLab.Report.Checks;

namespace TheoryLab.Tests.Report;

public class GalleryBuilderTests
{
    [LatexFact]
    public void Build_RunsEveryRegisteredExperiment_IntoOnePdfWithPageImages_ListingFailures()
    {
        using var dir = new TempDirectory();
        var registry = new ExperimentRegistry([new LengthMapExperiment(), new BrokenExperiment()]);

        var gallery = GalleryBuilder.Build(new GalleryRequest(dir.Path) { Registry = registry, Quick = true });

        Assert.True(File.Exists(gallery.PdfPath));
        var layout = PdfLayout.Read(gallery.PdfPath);
        Assert.Equal(layout.Pages.Count, gallery.PagePngs.Count);
        Assert.All(gallery.PagePngs, png => Assert.True(new FileInfo(png).Length > 1000));
        var run = Assert.Single(gallery.Runs);
        Assert.Equal(Path.Combine(dir.Path, "runs", "length-map", run.Record.RunId), run.Directory);
        var failure = Assert.Single(gallery.Failures);
        Assert.Equal("broken", failure.Experiment);
        string text = string.Join(' ', layout.Lines.Select(l => l.Text));
        Assert.Contains("Length map of a deep tanh network", text);
        Assert.Contains("q_star", text);
        Assert.Contains("Figure 1:", text);
        Assert.Contains("this experiment fails on purpose", text);
        Assert.DoesNotContain("?", string.Join(' ', layout.Lines.Where(l => l.Text.Contains('[')).Select(l => l.Text)));
    }

    [LatexFact]
    public void Build_DivergedRun_CountsAsFailed_AndItsPageIsTypesetWithoutKeysScriptsOrOverprint()
    {
        using var dir = new TempDirectory();
        var registry = new ExperimentRegistry([new LengthMapExperiment(), new DivergingExperiment(), new BrokenExperiment()]);

        var gallery = GalleryBuilder.Build(new GalleryRequest(dir.Path) { Registry = registry, Quick = true });

        Assert.Equal(["diverging", "broken"], gallery.Failures.Select(f => f.Experiment).Order().Reverse());
        string text = PdfText(gallery.PdfPath);
        Assert.Contains("Of the 3 experiments, 2 failed or diverged", text);
        Assert.Contains("This run failed: training diverged, so train_loss has no value.", text);
        Assert.Contains("(expected: theory: Glorot and Bengio [1] eq. 5 (linear regime))", text);
        Assert.DoesNotContain("glorot2010understanding", text);
        Assert.DoesNotContain("?", text);
        Assert.DoesNotContain("^", text);
        Assert.DoesNotContain("{", text);
        Assert.DoesNotMatch(@"[A-Za-z_]15\.37", text);
    }

    [LatexFact]
    public void Build_FindingsLongerThanAPage_BreakAcrossPages_AndStayInsideTheMargins()
    {
        using var dir = new TempDirectory();
        var gallery = GalleryBuilder.Build(new GalleryRequest(dir.Path) { Registry = new ExperimentRegistry([new ManyFindingsExperiment()]), Quick = true });

        // A tabular ran off the page's foot (TeX's "Overfull \vbox") and a wide value pushed it past the margin.
        Assert.DoesNotContain(gallery.Build.Warnings, w => w.Message.Contains("more than its text block") || w.Message.Contains("beyond the text width"));
        var layout = PdfLayout.Read(gallery.PdfPath);
        var last = Assert.Single(layout.Lines, l => l.Text.Contains("budget_39", StringComparison.Ordinal) || l.Text.Contains("budget_ 39", StringComparison.Ordinal));
        var first = Assert.Single(layout.Lines, l => l.Text.Contains("budget_0", StringComparison.Ordinal));
        Assert.True(last.Page > first.Page, $"the table did not continue on a later page (first row on page {first.Page}, last on {last.Page})");
        Assert.All(layout.Lines.Where(l => new PageGeometry(layout).InTextBlock(l)), l => Assert.True(l.XMax <= 504.5, $"'{l.Text}' on page {l.Page} ends at {l.XMax} pt, past the text block's 504 pt"));
    }

    /// <summary>
    /// The PDF's text as pdftotext gives it in reading order, where overprinted characters run together; runs of
    /// white space, line ends included, are one space.
    /// </summary>
    private static string PdfText(string pdf)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
    }

    [LatexFact]
    public void Build_WithNoExperiments_StillMakesAPdfSayingSo()
    {
        using var dir = new TempDirectory();
        var gallery = GalleryBuilder.Build(new GalleryRequest(dir.Path) { Registry = new ExperimentRegistry([]) });
        var layout = PdfLayout.Read(gallery.PdfPath);
        Assert.Contains(layout.Lines, l => l.Text.Contains("No experiments are registered yet."));
        Assert.Empty(gallery.Runs);
    }
}
