using TheoryLab.Figures;

namespace TheoryLab.Tests.Figures;

public class FigureSnippetTests
{
    private static readonly FigureCaption Caption = new(@"Length $q$ against depth.", "Run of length-map with the paper's settings, seed 0.");

    [Fact]
    public void ReadCaption_GivesBackWhatAndSettings_ThatSingleWrote()
    {
        foreach (var width in new[] { FigureWidth.Full, FigureWidth.Half })
            Assert.Equal(Caption, FigureSnippet.ReadCaption(FigureSnippet.Single("figures/q.tikz", Caption, "fig:q", width)));
    }

    [Fact]
    public void ReadCaption_OfAOneLineCaption_TakesItAllAsWhatIsPlotted()
    {
        Assert.Equal(new FigureCaption("Old caption. Parameters: a = 1.", ""),
            FigureSnippet.ReadCaption("\\begin{figure}[t]\n  \\caption{Old caption. Parameters: a = 1.}\n  \\label{fig:x}\n\\end{figure}\n"));
    }

    [Fact]
    public void Single_AtHalfWidth_SetsThePictureInHalfTheLine_WithTheCaptionBesideIt()
    {
        string snippet = FigureSnippet.Single("figures/q.tikz", Caption, "fig:q", FigureWidth.Half);
        int picture = snippet.IndexOf(@"\input{figures/q.tikz}", StringComparison.Ordinal);
        int caption = snippet.IndexOf(@"\caption", StringComparison.Ordinal);
        Assert.Equal(2, snippet.Split(@"\begin{minipage}").Length - 1);
        Assert.Contains(@"\begin{minipage}[c]{0.49\linewidth}", snippet[..picture]);
        Assert.Contains(@"\begin{minipage}[c]{0.48\linewidth}", snippet[picture..caption]);
    }

    [Fact]
    public void Pair_GivesEachPanelItsSubcaptionAndLabel_AndTheSharedSettingsOnce()
    {
        var other = Caption with { What = "Correlation against depth." };
        string snippet = FigureSnippet.Pair(("figures/q.tikz", Caption, "fig:q"), ("figures/c.tikz", other, "fig:c"), "fig:q-and-c");
        Assert.Equal(2, snippet.Split(@"\begin{subfigure}[t]{0.49\linewidth}").Length - 1);
        Assert.Contains(@"\caption{Length $q$ against depth.}" + "\n" + @"    \label{fig:q}", snippet);
        Assert.Contains(@"\caption{Correlation against depth.}" + "\n" + @"    \label{fig:c}", snippet);
        Assert.Single(snippet.Split(Caption.Settings)[1..]);
        Assert.Contains(@"\label{fig:q-and-c}", snippet);
    }
}
