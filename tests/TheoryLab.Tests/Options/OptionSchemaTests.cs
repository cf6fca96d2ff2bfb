using TheoryLab.Options;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Options;

public class OptionSchemaTests
{
    private static readonly ProbeExperiment Probe = new();

    [Theory]
    [InlineData("SigmaW2", "sigma_w2")]
    [InlineData("Depth", "depth")]
    [InlineData("DelayMs", "delay_ms")]
    public void Snake_TurnsPropertyNamesIntoOptionNames(string property, string option) =>
        Assert.Equal(option, OptionValues.Snake(property));

    [Fact]
    public void Bind_ParsesEachOptionType()
    {
        var bound = (ProbeOptions)Probe.Schema.Bind(Probe.Defaults, new Dictionary<string, string>
        {
            ["points"] = "7", ["sigma_w2"] = "2.5", ["shape"] = "half-square", ["activation"] = "relu", ["widths"] = "1,2,3", ["fail"] = "true",
        });
        Assert.Equal(new ProbeOptions { Points = 7, SigmaW2 = 2.5, Shape = ProbeShape.HalfSquare, Activation = "relu", Widths = bound.Widths, Fail = true }, bound);
        Assert.Equal([1, 2, 3], bound.Widths);
    }

    [Fact]
    public void Bind_LeavesTheOriginalOptionsUnchanged()
    {
        var defaults = Probe.Defaults;
        Probe.Schema.Bind(defaults, [KeyValuePair.Create("points", "9")]);
        Assert.Equal(50, defaults.Points);
    }

    [Fact]
    public void Bind_UnknownOption_ListsTheValidOnesAndSuggestsTheClosest()
    {
        var e = Assert.Throws<TheoryLabException>(() => Probe.Schema.Bind(Probe.Defaults, [KeyValuePair.Create("sigma_w", "1")]));
        Assert.Contains("unknown option 'sigma_w'", e.Message);
        Assert.Contains("valid options: ", e.Message);
        Assert.Contains("did you mean sigma_w2", e.Message);
    }

    [Fact]
    public void Bind_WrongType_SaysWhatTypeIsExpected()
    {
        var e = Assert.Throws<TheoryLabException>(() => Probe.Schema.Bind(Probe.Defaults, [KeyValuePair.Create("points", "many")]));
        Assert.Contains("option 'points' expects an integer, got 'many'", e.Message);
    }

    [Fact]
    public void Bind_OutOfRange_StatesTheRange()
    {
        var e = Assert.Throws<TheoryLabException>(() => Probe.Schema.Bind(Probe.Defaults, [KeyValuePair.Create("points", "1")]));
        Assert.Contains("option 'points' = 1 is out of range: must be [2, 1000]", e.Message);
    }

    [Fact]
    public void Bind_TextOutsideItsChoices_ListsTheChoices()
    {
        var e = Assert.Throws<TheoryLabException>(() => Probe.Schema.Bind(Probe.Defaults, [KeyValuePair.Create("activation", "sigmoid")]));
        Assert.Contains("must be one of tanh, relu", e.Message);
    }

    [Fact]
    public void Bind_ListItemOutOfRange_IsRefused()
    {
        var e = Assert.Throws<TheoryLabException>(() => Probe.Schema.Bind(Probe.Defaults, [KeyValuePair.Create("widths", "3,0")]));
        Assert.Contains("each item must be in ≥ 1", e.Message);
    }

    [Fact]
    public void Validate_ReportsInconsistentOptionsWithTheExperimentId()
    {
        var options = Probe.Defaults with { Points = 2, Widths = [1, 2, 3] };
        var e = Assert.Throws<TheoryLabException>(() => Probe.Validate(options));
        Assert.Equal("probe: give at most as many widths as points.", e.Message);
    }

    [Fact]
    public void BindJson_AcceptsNumbersTextsAndArrays()
    {
        var bound = (ProbeOptions)Probe.Schema.BindJson(Probe.Defaults, """{"points": 9, "activation": "relu", "widths": [4, 5]}""", "c.json");
        Assert.Equal((9, "relu"), (bound.Points, bound.Activation));
        Assert.Equal([4, 5], bound.Widths);
    }

    [Fact]
    public void BindJson_CorruptFile_NamesTheFile()
    {
        var e = Assert.Throws<TheoryLabException>(() => Probe.Schema.BindJson(Probe.Defaults, "{points: ", "/tmp/c.json"));
        Assert.StartsWith("/tmp/c.json is not valid JSON", e.Message);
    }

    [Fact]
    public void NonDefault_ListsOnlyChangedOptionsSortedByName()
    {
        var options = Probe.Defaults with { SigmaW2 = 3, Points = 9 };
        Assert.Equal(["points", "sigma_w2"], Probe.Schema.NonDefault(options).Keys);
        Assert.Empty(Probe.Schema.NonDefault(Probe.Defaults));
    }

    [Fact]
    public void Format_NumbersRoundTripInvariantly()
    {
        double third = 1.0 / 3;
        Assert.True(OptionValues.TryParse(typeof(double), OptionValues.Format(third), out var back, out _));
        Assert.Equal(third, (double)back!);
    }

    private sealed class Shapes : IChoiceList
    {
        public static IReadOnlyList<string> Choices { get; } = ["circle", "square"];
    }

    private sealed record DerivedChoices
    {
        [Option("a shape", ChoicesFrom = typeof(Shapes))]
        public string Shape { get; init; } = "circle";
    }

    private sealed record BothChoices
    {
        [Option("a shape", Choices = ["circle"], ChoicesFrom = typeof(Shapes))]
        public string Shape { get; init; } = "circle";
    }

    private sealed record NotAChoiceList
    {
        [Option("a shape", ChoicesFrom = typeof(string))]
        public string Shape { get; init; } = "circle";
    }

    [Fact]
    public void ChoicesFrom_TakesTheAllowedValuesFromTheList_InBindingAndInHelp()
    {
        var schema = new OptionSchema(typeof(DerivedChoices), new DerivedChoices(), "shapes");
        Assert.Equal("one of circle, square", schema.Find("shape").RangeText);
        Assert.Equal("square", ((DerivedChoices)schema.Bind(new DerivedChoices(), [KeyValuePair.Create("shape", "square")])).Shape);
        var e = Assert.Throws<TheoryLabException>(() => schema.Bind(new DerivedChoices(), [KeyValuePair.Create("shape", "cone")]));
        Assert.Contains("must be one of circle, square", e.Message);
    }

    [Fact]
    public void ChoicesFrom_IsRefusedBesideAListedChoice_OrFromATypeThatIsNoChoiceList()
    {
        var both = Assert.Throws<InvalidOperationException>(() => new OptionSchema(typeof(BothChoices), new BothChoices(), "shapes"));
        Assert.Contains("give one", both.Message);
        var notAList = Assert.Throws<InvalidOperationException>(() => new OptionSchema(typeof(NotAChoiceList), new NotAChoiceList(), "shapes"));
        Assert.Contains("does not implement IChoiceList", notAList.Message);
    }

    private sealed record Machine
    {
        [Option("threads", Min = 0, Max = 64)]
        public int Threads { get; init; } = 1;
    }

    private sealed record Grouped
    {
        [Option("points", Min = 1)]
        public int Points { get; init; } = 10;

        [OptionGroup]
        public Machine Runtime { get; init; } = new() { Threads = 4 };
    }

    private sealed record GroupedTwice
    {
        [Option("threads again")]
        public int Threads { get; init; }

        [OptionGroup]
        public Machine Runtime { get; init; } = new();
    }

    [Fact]
    public void OptionGroup_IsFlattened_UnderItsOwnNames_WithTheOwnersDefaults()
    {
        var schema = new OptionSchema(typeof(Grouped), new Grouped(), "grouped");
        Assert.Equal(["points", "threads"], schema.Options.Select(o => o.Name));
        Assert.Equal("4", OptionValues.Format(schema.Find("threads").Default));
        Assert.Equal(new SortedDictionary<string, string> { ["points"] = "10", ["threads"] = "4" }, schema.Values(new Grouped()));
    }

    [Fact]
    public void OptionGroup_BindsIntoACopyOfTheGroup_AndValidatesItsRanges()
    {
        var schema = new OptionSchema(typeof(Grouped), new Grouped(), "grouped");
        var defaults = new Grouped();
        var bound = (Grouped)schema.Bind(defaults, [KeyValuePair.Create("threads", "2")]);
        Assert.Equal(2, bound.Runtime.Threads);
        Assert.Equal(4, defaults.Runtime.Threads);
        Assert.Equal(["threads"], schema.NonDefault(bound).Keys);
        var e = Assert.Throws<TheoryLabException>(() => schema.Bind(defaults, [KeyValuePair.Create("threads", "65")]));
        Assert.Contains("option 'threads' = 65 is out of range", e.Message);
    }

    [Fact]
    public void AnOptionDeclaredTwice_DirectlyAndThroughAGroup_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new OptionSchema(typeof(GroupedTwice), new GroupedTwice(), "twice"));
        Assert.Contains("declares option 'threads' twice", e.Message);
    }
}
