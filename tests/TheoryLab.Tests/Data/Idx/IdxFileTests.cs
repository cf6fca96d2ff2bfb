using TheoryLab.Data.Idx;

namespace TheoryLab.Tests.Data.Idx;

public class IdxFileTests
{
    private const string Remedy = "Get a fresh copy.";

    [Fact]
    public void Read_RawAndGzippedFiles_GiveTheSameDimensionsAndValues()
    {
        using var dir = new TempDirectory();
        byte[] images = IdxTestFiles.Images(3);
        var raw = IdxFile.Read(dir.File("images-idx3-ubyte", images), IdxArray.ImagesMagic, Remedy);
        var gz = IdxFile.Read(dir.File("images-idx3-ubyte.gz", IdxTestFiles.Gzip(images)), IdxArray.ImagesMagic, Remedy);

        Assert.Equal([3, 28, 28], raw.Dimensions);
        Assert.Equal(raw.Dimensions, gz.Dimensions);
        Assert.Equal(raw.Values, gz.Values);
        Assert.Equal(images[16..], raw.Values);
    }

    [Fact]
    public void Read_RecognisesGzipByContentNotByName()
    {
        using var dir = new TempDirectory();
        string path = dir.File("labels-without-extension", IdxTestFiles.Gzip(IdxTestFiles.Labels(12)));
        Assert.Equal(12, IdxFile.Read(path, IdxArray.LabelsMagic, Remedy).Count);
    }

    [Fact]
    public void Read_ImagesFileAsLabels_NamesBothMagicNumbersAndTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("t10k-images-idx3-ubyte", IdxTestFiles.Images(2));
        var e = Assert.Throws<TheoryLabException>(() => IdxFile.Read(path, IdxArray.LabelsMagic, Remedy));
        Assert.Contains(path, e.Message);
        Assert.Contains("0x00000803", e.Message);
        Assert.Contains("0x00000801", e.Message);
        Assert.EndsWith(Remedy, e.Message);
    }

    [Fact]
    public void Read_TruncatedFile_SaysTruncatedWithPromisedAndActualCounts()
    {
        using var dir = new TempDirectory();
        byte[] images = IdxTestFiles.Images(2);
        string path = dir.File("short", images[..^10]);
        var e = Assert.Throws<TheoryLabException>(() => IdxFile.Read(path, IdxArray.ImagesMagic, Remedy));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("1568", e.Message);
        Assert.Contains("1558", e.Message);
    }

    [Fact]
    public void Read_TruncatedGzip_IsRefused()
    {
        using var dir = new TempDirectory();
        byte[] gz = IdxTestFiles.Gzip(IdxTestFiles.Images(50));
        string path = dir.File("cut.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<TheoryLabException>(() => IdxFile.Read(path, IdxArray.ImagesMagic, Remedy));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Read_TrailingBytes_AreRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("long", [.. IdxTestFiles.Labels(5), 1, 2]);
        var e = Assert.Throws<TheoryLabException>(() => IdxFile.Read(path, IdxArray.LabelsMagic, Remedy));
        Assert.Contains("longer than its header says", e.Message);
    }

    [Fact]
    public void Read_HeaderCutShort_IsRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("header", IdxTestFiles.Images(1)[..10]);
        var e = Assert.Throws<TheoryLabException>(() => IdxFile.Read(path, IdxArray.ImagesMagic, Remedy));
        Assert.Contains("inside its header", e.Message);
    }

    [Fact]
    public void Read_MissingFile_SaysItDoesNotExistAndHowToGetIt()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "absent.gz");
        var e = Assert.Throws<TheoryLabException>(() => IdxFile.Read(path, IdxArray.LabelsMagic, Remedy));
        Assert.Contains("does not exist", e.Message);
        Assert.Contains(path, e.Message);
        Assert.EndsWith(Remedy, e.Message);
    }
}
