namespace TheoryLab.Tests.Text;

public class SuggestionsTests
{
    [Fact]
    public void Closest_FindsTheNearMisspelling() =>
        Assert.Equal(["edge-of-chaos"], Suggestions.Closest("edge-of-chaso", ["edge-of-chaos", "sawtooth", "lenet5"]));

    [Fact]
    public void Closest_FindsANameWhoseFirstWordIsMisspelt() =>
        Assert.Equal(["fashion-mnist"], Suggestions.Closest("fasion", ["mnist", "fashion-mnist", "kmnist", "mnist1d"]));

    [Fact]
    public void Closest_SuggestsNothingForUnrelatedNames() =>
        Assert.Empty(Suggestions.Closest("quantum-gravity", ["sawtooth", "lenet5"]));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_IsLevenshtein(string a, string b, int expected) => Assert.Equal(expected, Suggestions.Distance(a, b));
}
