using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Figures;

public class ImageSheetTests
{
    [Fact]
    public void TwoImagesSideBySide_LeaveTheirGapAtTheBackground_AndReadOutUpright()
    {
        // Two 2 × 2 images, [1 2; 3 4] and [5 6; 7 8], a gap of 1 at −1: the sheet is 2 × 5.
        double[][] images = [[1, 2, 3, 4], [5, 6, 7, 8]];
        var sheet = new ImageSheet(1, 2, 2, 2, (_, column) => images[column], gap: 1, background: -1);
        Assert.Equal((5, 2), (sheet.Width, sheet.Height));
        var cells = sheet.Cells().ToList();
        // Top row first, its y the highest.
        Assert.Equal([(0, 1, 1.0), (1, 1, 2.0), (2, 1, -1.0), (3, 1, 5.0), (4, 1, 6.0)], cells.Take(5));
        Assert.Equal([(0, 0, 3.0), (1, 0, 4.0), (2, 0, -1.0), (3, 0, 7.0), (4, 0, 8.0)], cells.Skip(5));
    }

    [Fact]
    public void AnEmptyPlace_IsBackground_AndAnImageOfTheWrongSizeIsRefused()
    {
        var sheet = new ImageSheet(2, 1, 1, 1, (row, _) => row == 0 ? [9.0] : null, gap: 0, background: 0.5);
        Assert.Equal([9.0, 0.5], sheet.Cells().Select(c => c.Shade));
        Assert.Throws<ArgumentException>(() => new ImageSheet(1, 1, 2, 2, (_, _) => [1.0, 2.0]));
    }

    [Fact]
    public void Table_HoldsTheCells_InTheNamedColumns()
    {
        var sheet = new ImageSheet(1, 2, 1, 2, (_, column) => column == 0 ? [1.0, 2.0] : [3.0, 4.0], gap: 1);
        var table = sheet.ToTable("sheet", new Column("x"), new Column("y"), new Column("shade"));
        Assert.Equal([0.0, 1, 2, 3, 4], table.Numbers("x"));
        Assert.Equal([0.0, 0, 0, 0, 0], table.Numbers("y"));
        Assert.Equal([1.0, 2, 0, 3, 4], table.Numbers("shade"));
    }
}
