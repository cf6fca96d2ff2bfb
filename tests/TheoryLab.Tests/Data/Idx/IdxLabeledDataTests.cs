using TheoryLab.Data.Idx;

namespace TheoryLab.Tests.Data.Idx;

public class IdxLabeledDataTests
{
    private const string Remedy = "Get a fresh copy.";

    [Fact]
    public void Read_ScalesPixelsToUnitIntervalAndKeepsLabels()
    {
        using var dir = new TempDirectory();
        var data = IdxLabeledData.Read(dir.File("i", IdxTestFiles.Images(4)), dir.File("l", IdxTestFiles.Labels(4)), "toy/train", Remedy);

        Assert.Equal(4, data.Count);
        Assert.Equal([1, 28, 28], data.ExampleShape);
        Assert.Equal(10, data.Classes);
        Assert.Equal([0, 1, 2, 3], data.Labels);
        Assert.Equal(255 / 255f, data.Inputs[255]);
        Assert.Equal(0f, data.Inputs[256]);
        Assert.Equal(1 / 255f, data.Inputs[784]);
    }

    [Fact]
    public void Read_DifferentCounts_NamesBothFiles()
    {
        using var dir = new TempDirectory();
        string images = dir.File("i", IdxTestFiles.Images(4));
        string labels = dir.File("l", IdxTestFiles.Labels(5));
        var e = Assert.Throws<TheoryLabException>(() => IdxLabeledData.Read(images, labels, "toy", Remedy));
        Assert.Contains("4 images", e.Message);
        Assert.Contains("5 labels", e.Message);
    }

    [Fact]
    public void Read_ImagesNot28By28_AreRefused()
    {
        using var dir = new TempDirectory();
        string images = dir.File("i", IdxTestFiles.Images(2, side: 32));
        var e = Assert.Throws<TheoryLabException>(() => IdxLabeledData.Read(images, dir.File("l", IdxTestFiles.Labels(2)), "toy", Remedy));
        Assert.Contains("32 × 32", e.Message);
    }

    [Fact]
    public void Read_LabelOutsideTenClasses_IsRefused()
    {
        using var dir = new TempDirectory();
        byte[] labels = IdxTestFiles.Labels(3);
        labels[^1] = 12;
        var e = Assert.Throws<TheoryLabException>(() => IdxLabeledData.Read(dir.File("i", IdxTestFiles.Images(3)), dir.File("l", labels), "toy", Remedy));
        Assert.Contains("label 12", e.Message);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void Read_MnistTestSplit_Has10000ImagesWithThePublishedClassCounts()
    {
        string dir = SharedDatasets.PathOf("mnist")!;
        var test = IdxLabeledData.Read(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), "mnist/test", Remedy);

        Assert.Equal(10000, test.Count);
        // LeCun's test split: 980 zeros, 1135 ones, ... ; its first example is a 7.
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], Enumerable.Range(0, 10).Select(c => test.Labels.Count(l => l == c)));
        Assert.Equal(7, test.Labels[0]);
        Assert.InRange(test.Inputs.Min(), 0f, 0f);
        Assert.InRange(test.Inputs.Max(), 1f, 1f);
        // About 19% of MNIST pixels are ink: the mean intensity is 0.13 (the 0.1307 of common normalisations is the training split's).
        Assert.InRange(test.Inputs.Average(), 0.12, 0.14);
    }
}
