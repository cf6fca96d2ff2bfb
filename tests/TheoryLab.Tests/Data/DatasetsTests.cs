using TheoryLab.Citations;
using TheoryLab.Data;
using TheoryLab.Data.Mnist1D;

namespace TheoryLab.Tests.Data;

public class DatasetsTests
{
    private static readonly DataStore Nowhere = new(Path.Combine(Path.GetTempPath(), "theorylab-no-such-dir-" + Guid.NewGuid().ToString("N"))) { Downloads = false };

    [Fact]
    public void Names_AreTheGeneratedPublishedFamilyAndToySets()
    {
        Assert.Equal(["mnist1d", "mnist1d-published", "mnist", "fashion-mnist", "kmnist", "mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k", "two-spirals", "two-moons", "gaussian-mixture"], Datasets.Names);
        Assert.All(Datasets.Names, n => Assert.False(string.IsNullOrWhiteSpace(Datasets.Describe(n))));
    }

    [Theory]
    [InlineData("mnist1d")]
    [InlineData("two-spirals")]
    [InlineData("two-moons")]
    [InlineData("gaussian-mixture")]
    public void Shape_IsWhatLoadingTheGeneratedSetGives(string name) => AssertShapeOfLoaded(name, Nowhere);

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void Shape_IsWhatLoadingTheTestSplitOnlySetGives() => AssertShapeOfLoaded("mnist-t10k", new DataStore(SharedDatasets.Root!) { Downloads = false });

    [SharedDataFact("mnist1d/train_x.csv")]
    public void Shape_IsWhatLoadingThePublishedMnist1DGives() => AssertShapeOfLoaded("mnist1d-published", new DataStore(SharedDatasets.Root!) { Downloads = false });

    [Fact]
    public void Shapes_AreEqualWhenTheirExampleShapesAreEqualElementwise_NotWhenTheyAreTheSameArray()
    {
        Assert.Equal(new DatasetShape([1, 28, 28], 10, 8000, 2000), new DatasetShape([1, 28, 28], 10, 8000, 2000));
        Assert.NotEqual(new DatasetShape([28, 28], 10, 8000, 2000), new DatasetShape([1, 28, 28], 10, 8000, 2000));
        Assert.Equal(784, new DatasetShape([1, 28, 28], 10, 8000, 2000).Inputs);
    }

    private static void AssertShapeOfLoaded(string name, DataStore store)
    {
        var loaded = Datasets.Load(name, store, 0);
        Assert.Equal(new DatasetShape(loaded.Train.ExampleShape, loaded.Train.Classes, loaded.Train.Count, loaded.Test.Count), Datasets.Shape(name));
    }

    [Theory]
    [InlineData("mnist-1d", "mnist1d")]
    [InlineData("fashion", "fashion-mnist")]
    [InlineData("kmnsit", "kmnist")]
    public void Load_UnknownName_SuggestsTheClosest(string name, string suggestion)
    {
        var e = Assert.Throws<TheoryLabException>(() => Datasets.Load(name, Nowhere, 0));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("did you mean " + suggestion, e.Message);
    }

    [Fact]
    public void CitationKeys_OfEveryRegisteredDataset_AreInTheBibliography()
    {
        var keys = Datasets.Names.SelectMany(n => Datasets.CitedIn([n])).SelectMany(c => c.Keys).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(Bibliography.Default.Contains(key), $"a dataset cites '{key}', which references.bib lacks"));
    }

    [Theory]
    [InlineData("mnist", "lecun1998mnist")]
    [InlineData("mnist-t10k", "lecun1998mnist")]
    [InlineData("fashion-mnist", "xiao2017fashion")]
    [InlineData("fashion-mnist-t10k", "xiao2017fashion")]
    [InlineData("kmnist", "clanuwat2018deep")]
    [InlineData("kmnist-t10k", "clanuwat2018deep")]
    [InlineData("mnist1d", "greydanus2020scaling")]
    [InlineData("mnist1d-published", "greydanus2020scaling")]
    public void CitedIn_APublishedDataset_CitesItsPublication(string name, string key)
    {
        Assert.Equal([key], Assert.Single(Datasets.CitedIn([name])).Keys);
    }

    [Fact]
    public void CitedIn_TheTestSplitAndTheFullSet_AreOneCitation()
    {
        var citation = Assert.Single(Datasets.CitedIn(["mnist-t10k", "mnist"]));
        Assert.Equal(["lecun1998mnist"], citation.Keys);
    }

    [Fact]
    public void CitedIn_ValuesThatAreNoDatasetAndGeneratedToySets_CiteNothing()
    {
        Assert.Empty(Datasets.CitedIn(["relu", "0.3", "two-moons"]));
    }

    [Fact]
    public void CitedIn_AListValue_CitesEachDatasetItNames()
    {
        var keys = Datasets.CitedIn(["mnist1d,fashion-mnist"]).SelectMany(c => c.Keys);
        Assert.Equal(["greydanus2020scaling", "xiao2017fashion"], keys);
    }

    [Fact]
    public void Load_Mnist1D_IsTheGeneratorsOutputForThatSeed()
    {
        var loaded = Datasets.Load("mnist1d", Nowhere, 11);
        Assert.Equal(Mnist1DGenerator.Generate(11).Splits.Test.Inputs, loaded.Test.Inputs);
        Assert.Equal(4000, loaded.Train.Count);
    }

    [SharedDataFact("mnist1d/train_x.csv")]
    public void Load_Mnist1DPublished_ReadsTheCsvFilesFromTheDataDirectoryOrItsMnist1DFolder()
    {
        var fromRoot = Datasets.Load("mnist1d-published", new DataStore(SharedDatasets.Root!), 0);
        var fromFolder = Datasets.LoadMnist1DPublished(SharedDatasets.PathOf("mnist1d")!);
        Assert.Equal((4000, 1000), (fromRoot.Train.Count, fromRoot.Test.Count));
        Assert.Equal([40], fromRoot.Train.ExampleShape);
        Assert.Equal(fromRoot.Train.Labels, fromFolder.Train.Labels);
        Assert.Equal(-0.332005667f, fromRoot.Train.Inputs[0]);
        Assert.Equal(2, fromRoot.Train.Labels[0]);
    }

    [Fact]
    public void Load_Mnist1DPublished_Absent_NamesTheFilesThePickleAndDataDir()
    {
        var e = Assert.Throws<TheoryLabException>(() => Datasets.Load("mnist1d-published", Nowhere, 0));
        Assert.Contains("train_x.csv", e.Message);
        Assert.Contains(Mnist1DPublished.PickleUrl, e.Message);
        Assert.Contains("--data-dir DIR", e.Message);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void Load_MnistWithOnlyTheTestSplit_SaysWhichFileIsMissingWhereToGetItAndHowToSplitTheTestSet()
    {
        var e = Assert.Throws<TheoryLabException>(() => Datasets.Load("mnist", new DataStore(SharedDatasets.Root!) { Downloads = false }, 0));
        Assert.Contains("train-images-idx3-ubyte.gz is missing", e.Message);
        Assert.Contains("https://storage.googleapis.com/cvdf-datasets/mnist/train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("--data-dir DIR", e.Message);
        Assert.Contains("SplitTrainTest(8000, seed)", e.Message);
        Assert.Contains("'mnist-t10k'", e.Message);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void Load_MnistT10k_IsTheTestSplitCut8000To2000ByTheSeed()
    {
        var store = new DataStore(SharedDatasets.Root!) { Downloads = false };
        var loaded = Datasets.Load("mnist-t10k", store, 3);
        var direct = MnistFamilyFiles.LoadSplit(MnistFamily.Get("mnist"), "test", store).SplitTrainTest(8000, seed: 3);
        Assert.Equal((8000, 2000), (loaded.Train.Count, loaded.Test.Count));
        Assert.Equal(direct.Test.Labels, loaded.Test.Labels);
        Assert.Equal(direct.Train.Inputs, loaded.Train.Inputs);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void SplitTrainTest_OfMnistTest_Gives8000And2000DisjointImagesFixedBySeed()
    {
        var test = MnistFamilyFiles.LoadSplit(MnistFamily.Get("mnist"), "test", new DataStore(SharedDatasets.Root!) { Downloads = false });
        var a = test.SplitTrainTest(8000, seed: 1);
        var b = test.SplitTrainTest(8000, seed: 1);
        Assert.Equal((8000, 2000), (a.Train.Count, a.Test.Count));
        Assert.Equal(a.Test.Inputs, b.Test.Inputs);
        Assert.NotEqual(a.Test.Labels, test.SplitTrainTest(8000, seed: 2).Test.Labels);
        // Every class keeps roughly its share: a random fifth of ~1,000 images is 200 ± 13 (sd); allow 5 sd.
        Assert.All(Enumerable.Range(0, 10), c => Assert.InRange(a.Test.Labels.Count(l => l == c), test.Labels.Count(l => l == c) / 5 - 65, test.Labels.Count(l => l == c) / 5 + 65));
    }

    [Fact]
    public void SplitTrainTest_PartitionsTheExamples()
    {
        var numbered = new LabeledData("n", [.. Enumerable.Range(0, 50).Select(i => (float)i)], new int[50], [1], 2);
        var split = numbered.SplitTrainTest(35, seed: 4);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), split.Train.Inputs.Concat(split.Test.Inputs).Order());
        Assert.Throws<TheoryLabException>(() => numbered.SplitTrainTest(50, 0));
    }

    [Theory]
    [InlineData("two-spirals", 2)]
    [InlineData("two-moons", 2)]
    [InlineData("gaussian-mixture", 4)]
    public void Load_ToySet_GivesTwoDimensionalPointsInEqualSplits(string name, int classes)
    {
        var data = Datasets.Load(name, Nowhere, 3);
        Assert.Equal((1000, 1000), (data.Train.Count, data.Test.Count));
        Assert.Equal([2], data.Train.ExampleShape);
        Assert.Equal(classes, data.Test.Classes);
        Assert.Equal($"{name}/test", data.Test.Name);
    }
}
