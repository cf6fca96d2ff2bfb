using TheoryLab.Sweeps;

namespace TheoryLab.Tests.Sweeps;

public class StudyFileTests
{
    private static readonly Study Example = new("probe", [GridAxis.Of("sigma_w2", "1e-1:1e1:x10"), GridAxis.Of("activation", "tanh,relu")],
        [0, 4, 7], Quick: true, [KeyValuePair.Create("points", "9")]);

    [Fact]
    public void WrittenStudy_ReadsBackAsTheSameStudy()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["study.json"], StudyFile.Write(Example));
        var read = StudyFile.Read(dir["study.json"]);
        Assert.Equal(StudyFile.Write(Example), StudyFile.Write(read));
        Assert.Equal(["0.1", "1", "10"], read.Grid[0].Values);
        Assert.True(read.Grid[0].Log);
        Assert.Equal(Example.Hash, read.Hash);
    }

    [Fact]
    public void SeedCount_MeansTheFirstSeeds()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["study.json"], """{"experiment": "probe", "grid": {"points": [3, 5]}, "seeds": 3}""");
        var study = StudyFile.Read(dir["study.json"]);
        Assert.Equal([0, 1, 2], study.Seeds);
        Assert.Equal(["3", "5"], study.Grid[0].Values);
        Assert.False(study.Quick);
    }

    [Theory]
    [InlineData("""{"experiment": "probe", "grid": {"points": "3,5"}, "seed": 3}""", "unknown key 'seed'")]
    [InlineData("""{"grid": {"points": "3,5"}}""", "\"experiment\" must name an experiment id")]
    [InlineData("""{"experiment": "probe", "grid": {}}""", "\"grid\" must name at least one option")]
    [InlineData("""{"experiment": "probe", "grid": {"points": "3,5"}, "seeds": [1.5]}""", "\"seeds\" must be a count or a list")]
    [InlineData("""{"experiment": "probe", "grid": {"points": "3:5"}}""", "--grid points=3:5: a range has three parts")]
    [InlineData("""[1, 2]""", "it must hold a JSON object")]
    [InlineData("""{"experiment": """, "it is not valid JSON")]
    public void BadStudyFile_IsRefusedInOneLine(string json, string why)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["study.json"], json);
        var e = Assert.Throws<TheoryLabException>(() => StudyFile.Read(dir["study.json"]));
        Assert.Contains(why, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Hash_ChangesWithTheSeeds()
    {
        Assert.NotEqual(Example.Hash, (Example with { Seeds = [0, 4] }).Hash);
    }

    [Fact]
    public void Points_AreEveryCombination_FirstOptionSlowest()
    {
        var points = Example.Points().Select(p => string.Join(" ", p.Select(o => $"{o.Key}={o.Value}"))).ToList();
        Assert.Equal([
            "sigma_w2=0.1 activation=tanh", "sigma_w2=0.1 activation=relu",
            "sigma_w2=1 activation=tanh", "sigma_w2=1 activation=relu",
            "sigma_w2=10 activation=tanh", "sigma_w2=10 activation=relu"], points);
    }
}
