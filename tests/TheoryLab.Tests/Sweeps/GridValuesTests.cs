using TheoryLab.Sweeps;

namespace TheoryLab.Tests.Sweeps;

public class GridValuesTests
{
    [Fact]
    public void List_KeepsEachValueAsWritten()
    {
        var axis = GridAxis.Parse("activation=tanh, relu,erf");
        Assert.Equal("activation", axis.Option);
        Assert.Equal(["tanh", "relu", "erf"], axis.Values);
        Assert.False(axis.Log);
    }

    [Theory]
    [InlineData("1:3:0.5", new[] { "1", "1.5", "2", "2.5", "3" })]
    [InlineData("0:1:0.1", new[] { "0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1" })]
    [InlineData("2:7:2", new[] { "2", "4", "6" })]
    [InlineData("5:5:1", new[] { "5" })]
    public void Range_StepsFromStartAndIncludesAnEndItLandsOn(string text, string[] expected)
    {
        var (values, log) = GridValues.Parse("x", text);
        Assert.Equal(expected, values);
        Assert.False(log);
    }

    [Theory]
    [InlineData("1e-3:1e1:x10", new[] { "0.001", "0.01", "0.1", "1", "10" })]
    [InlineData("1:20:x2", new[] { "1", "2", "4", "8", "16" })]
    public void LogRange_MultipliesByTheFactorAndIsMarkedLog(string text, string[] expected)
    {
        var (values, log) = GridValues.Parse("x", text);
        Assert.Equal(expected, values);
        Assert.True(log);
    }

    [Theory]
    [InlineData("1:2", "a range has three parts")]
    [InlineData("a:2:1", "its start 'a' is not a number")]
    [InlineData("3:1:1", "the end is below the start")]
    [InlineData("1:3:0", "the step must be above 0")]
    [InlineData("0:1:x10", "a log range starts above 0")]
    [InlineData("1:10:x1", "the factor must be above 1")]
    [InlineData("1,,2", "a list item is empty")]
    [InlineData("1,2,1", "1 is listed twice")]
    [InlineData("0:10000:1", "it names 10,001 values, more than 10,000")]
    public void BadText_IsRefusedInOneLineThatShowsTheForms(string text, string why)
    {
        var e = Assert.Throws<TheoryLabException>(() => GridValues.Parse("depth", text));
        Assert.StartsWith($"--grid depth={text}: {why}", e.Message);
        Assert.Contains("1e-3:1e1:x10", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("depth")]
    [InlineData("=1,2")]
    [InlineData("depth=")]
    public void AssignmentWithoutNameOrValues_IsRefused(string assignment)
    {
        var e = Assert.Throws<TheoryLabException>(() => GridAxis.Parse(assignment));
        Assert.StartsWith("--grid expects name=values", e.Message);
    }
}
