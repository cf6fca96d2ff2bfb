using System.Globalization;
using System.Text;
using TheoryLab.Report.Checks;

namespace TheoryLab.Tests.Report.Checks;

public class PageGeometryTests
{
    /// <summary>A letter-size layout: body lines 9 pt tall, headings 11 pt tall, at the given (page, y, text).</summary>
    private static PdfLayout Layout(int pages, params (int Page, double Y, string Text, bool Heading)[] lines) =>
        Layout(pages, lines.Select(l => (l.Page, l.Y, l.Text, l.Heading ? 11.0 : 9.0)).ToArray());

    /// <summary>A letter-size layout of lines of the given heights, all 192 pt wide.</summary>
    private static PdfLayout Layout(int pages, params (int Page, double Y, string Text, double Height)[] lines)
    {
        var sb = new StringBuilder("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><doc>");
        for (int p = 1; p <= pages; p++)
        {
            sb.Append("<page width=\"612\" height=\"792\"><flow><block>");
            foreach (var l in lines.Where(l => l.Page == p))
            {
                double h = l.Height;
                string box = string.Create(CultureInfo.InvariantCulture, $"xMin=\"108\" yMin=\"{l.Y}\" xMax=\"300\" yMax=\"{l.Y + h}\"");
                sb.Append($"<line {box}>").Append(string.Join("", l.Text.Split(' ').Select(w => $"<word {box}>{w}</word>"))).Append("</line>");
            }
            sb.Append("</block></flow></page>");
        }
        return PdfLayout.Parse(sb.Append("</doc></body></html>").ToString());
    }

    private static (int, double, string, bool) Body(int page, double y) => (page, y, "Body text of the report continues here.", false);

    [Fact]
    public void Position_CountsWholePagesPlusTheFractionOfTheTextBlockAbove()
    {
        var geometry = new PageGeometry(Layout(2, Body(1, 72), Body(2, 72)));
        Assert.Equal(0.0, geometry.Position(1, 72), 12);
        Assert.Equal(1.5, geometry.Position(2, 72 + 324), 12);
        Assert.Equal(2.0, geometry.Position(2, 720), 12);
        Assert.Equal(1.0, geometry.Position(1, 760), 12);
    }

    [Fact]
    public void TextPages_EndAtTheReferencesHeading_AndReferencePagesRunToTheLastReference()
    {
        var layout = Layout(3,
            Body(1, 80), Body(1, 700), (2, 100, "1 Introduction", true), Body(2, 200),
            (2, 72 + 324, "References", true), Body(2, 700), Body(3, 72 + 162 - 9));
        var geometry = new PageGeometry(layout);

        double text = PageCount.TextPages(geometry, out var heading);

        Assert.Equal("References", heading!.Text);
        Assert.Equal(1.5, text, 12);
        Assert.Equal(0.75, PageCount.ReferencePages(geometry, heading), 12);
    }

    [Fact]
    public void CaptionsAfter_FindsAFigureThatFloatedPastTheReferences_AndNotOneBeforeThem()
    {
        var layout = Layout(3,
            Body(1, 80), (1, 300, "Figure 1: Set before the references.", false), (2, 100, "References", true), Body(2, 200),
            (3, 100, "Figure 2: Floated past the references.", false));
        var geometry = new PageGeometry(layout);

        var caption = Assert.Single(PageCount.CaptionsAfter(geometry, geometry.ReferencesHeading()!));

        Assert.Equal(("Figure 2", 3), (PageCount.CaptionName(caption), caption.Page));
    }

    [Fact]
    public void Breakdown_GivesEachPartFromItsHeadingToTheNext_UpToTheReferences()
    {
        var layout = Layout(3,
            Body(1, 72), (1, 72 + 162, "1 Introduction", true), Body(1, 400), (2, 72, "2 Method", true), Body(2, 200),
            (2, 72 + 324, "References", true), Body(2, 700));

        Assert.Equal("title and abstract 0.25, Introduction 0.75, Method 0.50", PageCount.Breakdown(new PageGeometry(layout)));
    }

    [Fact]
    public void Floats_RunFromTheBodyLineAboveThroughTheirCaption_TheirPicturesSmallTextIncluded()
    {
        var layout = Layout(1,
            (1, 72, "Body text of the report continues here.", 9), (1, 83, "Body text of the report continues here.", 9),
            (1, 100, "6 Code description", 11), (1, 120, "Body text of the report continues here.", 9),
            (1, 150, "0.1 legend entry", 6), (1, 300, "2 4 6", 6), (1, 310, "layer k", 7),
            (1, 320, "Figure 1: A picture set inside the code description,", 9), (1, 330, "its caption two lines long.", 9),
            (1, 360, "Body text of the report continues here.", 9),
            (1, 400, "Figure 2: An image without text, right under body text.", 9), (1, 430, "Body text of the report continues here.", 9));
        var geometry = new PageGeometry(layout);

        var floats = PageFloats.Of(geometry);

        Assert.Equal(["Figure 1", "Figure 2"], floats.Select(f => f.Name));
        Assert.Equal(geometry.Position(1, 129), floats[0].Top, 12);
        Assert.Equal(geometry.Position(1, 339), floats[0].Bottom, 12);
        Assert.Equal(geometry.Position(1, 369), floats[1].Top, 12);
        Assert.Equal(geometry.Position(1, 409), floats[1].Bottom, 12);
        Assert.EndsWith($"; of that, floats: Figure 1 {PageCount.Format(210.0 / 648)}, Figure 2 {PageCount.Format(40.0 / 648)}", PageCount.Breakdown(geometry));
    }

    [Fact]
    public void Floats_AtTheTopOfAPage_StartAtTheTextBlock_AndAStackedOneAtTheCaptionAboveIt()
    {
        var layout = Layout(1,
            (1, 90, "0.1", 6), (1, 200, "Figure 1: First.", 9), (1, 230, "0.2", 6), (1, 300, "Figure 2: Second.", 9),
            (1, 340, "Body text of the report continues here.", 9));
        var geometry = new PageGeometry(layout);

        var floats = PageFloats.Of(geometry);

        Assert.Equal([(0.0, geometry.Position(1, 209)), (geometry.Position(1, 209), geometry.Position(1, 309))], floats.Select(f => (f.Top, f.Bottom)));
    }

    [Fact]
    public void Headings_AreShortLinesTallerThanBodyText_WithoutTheirNumbers()
    {
        var geometry = new PageGeometry(Layout(1, Body(1, 80), Body(1, 90), (1, 120, "6 Code description", true), Body(1, 140), (1, 200, "a tall line that is not a heading because lowercase", true)));
        var heading = Assert.Single(geometry.Headings());
        Assert.Equal("Code description", PageGeometry.HeadingText(heading));
    }

    [Fact]
    public void PageNumbersInTheFooter_AreNotBodyText()
    {
        var geometry = new PageGeometry(Layout(1, Body(1, 80), (1, 745, "1", false)));
        Assert.Single(geometry.BodyLines);
    }
}
