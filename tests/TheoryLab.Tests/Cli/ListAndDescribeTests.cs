using System.Text.Json;
using TheoryLab.Cli;
using TheoryLab.Experiments;

namespace TheoryLab.Tests.Cli;

public class ListAndDescribeTests
{
    [Fact]
    public void ListJson_IsAnArrayOfObjectsWithIdAndTitle()
    {
        var (code, stdout, _) = CliHarness.Run("list", "--json");
        Assert.Equal(CliApp.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        var first = doc.RootElement.EnumerateArray().Single();
        Assert.Equal("probe", first.GetProperty("id").GetString());
        Assert.Equal("Probe of the experiment framework", first.GetProperty("title").GetString());
    }

    [Fact]
    public void Describe_ShowsEachOptionWithTypeDefaultRangeAndMeaning()
    {
        var (code, stdout, _) = CliHarness.Run("describe", "probe");
        Assert.Equal(CliApp.Ok, code);
        foreach (var text in new[] { "sigma_w2", "number", "1.5", "[0, 10]", "Slope of the curve.", "one of square, half-square", "lecun1998gradient", "Gradient-Based Learning" })
            Assert.Contains(text, stdout);
    }

    [Fact]
    public void Describe_ShowsADerivedDefaultAsItsRule()
    {
        var (code, stdout, _) = CliHarness.Run(ExperimentRegistry.Default, "describe", "sawtooth", "--json");
        Assert.Equal(CliApp.Ok, code);
        using var doc = JsonDocument.Parse(stdout);
        var points = doc.RootElement.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "train_points");
        Assert.Equal("1024", points.GetProperty("default").GetString());
        Assert.Equal("512", points.GetProperty("quick").GetString());
        Assert.StartsWith("32 per linear piece of Δᵏ", points.GetProperty("derived").GetString());
        Assert.Contains("derived: 32 per linear piece", CliHarness.Run(ExperimentRegistry.Default, "describe", "sawtooth").Out);
    }

    [Fact]
    public void DescribeJson_ListsOptionsWithDefaultsAndQuickValues()
    {
        var (_, stdout, _) = CliHarness.Run("describe", "probe", "--json");
        using var doc = JsonDocument.Parse(stdout);
        var points = doc.RootElement.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "points");
        Assert.Equal("50", points.GetProperty("default").GetString());
        Assert.Equal("5", points.GetProperty("quick").GetString());
        Assert.Equal("integer", points.GetProperty("type").GetString());
    }
}
