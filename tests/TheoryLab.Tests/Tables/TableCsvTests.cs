using TheoryLab.Tables;

namespace TheoryLab.Tests.Tables;

public class TableCsvTests
{
    [Fact]
    public void FromCsv_ReadsBackWhatToCsvWrote_NumbersExactlyAndQuotedText()
    {
        var table = new Table("mixed")
            .Add("x", [0.1, 1.0 / 3, -2.5e-300, double.NaN, double.PositiveInfinity])
            .AddText("name", ["tanh", "a, b", "say \"hi\"", "two\nlines", ""]);
        var read = Table.FromCsv("mixed", table.ToCsv());
        Assert.Equal(["x", "name"], read.ColumnNames);
        Assert.Equal(table.Numbers("x"), read.Numbers("x"));
        Assert.Equal(table.Texts("name"), read.Texts("name"));
    }

    [Fact]
    public void FromCsv_RefusesARowThatDoesNotMatchTheHeader()
    {
        var e = Assert.Throws<FormatException>(() => Table.FromCsv("t", "x,y\n1,2\n3\n"));
        Assert.Contains("a row of 1 fields under a header of 2", e.Message);
    }
}
