using TheoryLab.Runs;
using TheoryLab.Tests.Report;

namespace TheoryLab.Tests.Runs;

public class RunSettingsTests
{
    private static readonly LengthMapExperiment Experiment = new();

    [Fact]
    public void Sentence_AtThePapersDefaults_ListsNoOption()
    {
        Assert.Equal(@"Run of \texttt{length-map} with the paper's settings; seed 3.", RunSettings.Sentence(new RunRequest(Experiment, Experiment.Defaults) { Seed = 3 }));
    }

    [Fact]
    public void Sentence_ListsOnlyTheOptionsThatDifferFromThePapers()
    {
        var options = Experiment.Defaults with { SigmaW2 = 0.3, Dataset = "mnist1d" };
        Assert.Equal(@"Run of \texttt{length-map} with the paper's settings except \texttt{dataset}~=~mnist1d and \texttt{sigma\_w2}~=~0.3; seed 0.",
            RunSettings.Sentence(new RunRequest(Experiment, options)));
    }

    [Fact]
    public void Sentence_OfTheQuickSettings_NamesThemInsteadOfListingThem()
    {
        Assert.Contains("with TheoryLab's quick settings", RunSettings.Sentence(new RunRequest(Experiment, Experiment.Quick)));
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "a" }, "a")]
    [InlineData(new[] { "a", "b" }, "a and b")]
    [InlineData(new[] { "a", "b", "c" }, "a, b and c")]
    public void Join_ListsAsProseDoes(string[] items, string joined) => Assert.Equal(joined, RunSettings.Join(items));
}
