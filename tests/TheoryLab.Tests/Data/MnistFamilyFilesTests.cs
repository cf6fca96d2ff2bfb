using System.Security.Cryptography;
using TheoryLab.Data;
using TheoryLab.Data.Download;
using TheoryLab.Tests.Data.Download;
using TheoryLab.Tests.Data.Idx;

namespace TheoryLab.Tests.Data;

public class MnistFamilyFilesTests
{
    private static readonly Dictionary<string, byte[]> Served = new()
    {
        ["train-images-idx3-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Images(30)),
        ["train-labels-idx1-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Labels(30)),
        ["t10k-images-idx3-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Images(10)),
        ["t10k-labels-idx1-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Labels(10)),
    };

    /// <summary>A made-up member of the family whose published files are <see cref="Served"/>.</summary>
    private static MnistFamilyDataset Toy(params Uri[] mirrors)
    {
        PublishedFile Published(string name) => new(name, Convert.ToHexStringLower(SHA256.HashData(Served[name])), Served[name].Length);
        return new("toy-mnist", "Toy-MNIST", mirrors,
            Published("train-images-idx3-ubyte.gz"), Published("train-labels-idx1-ubyte.gz"),
            Published("t10k-images-idx3-ubyte.gz"), Published("t10k-labels-idx1-ubyte.gz"), "this test", new("Toy-MNIST", []));
    }

    [Fact]
    public void Load_EmptyStore_DownloadsAllFourFilesIntoTheDatasetsDirectoryThenReadsThem()
    {
        using var server = new LocalHttpServer(Served);
        using var dir = new TempDirectory();

        var data = MnistFamilyFiles.Load(Toy(server.BaseUri), new DataStore(dir.Path));

        Assert.Equal(30, data.Train.Count);
        Assert.Equal(10, data.Test.Count);
        Assert.Equal("toy-mnist/test", data.Test.Name);
        Assert.Equal(Served.Keys.Order(), Directory.GetFiles(Path.Combine(dir.Path, "toy-mnist")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Load_FilesAlreadyPresent_AreReadWithoutAnyRequest()
    {
        using var server = new LocalHttpServer(Served);
        using var dir = new TempDirectory();
        var store = new DataStore(dir.Path);
        MnistFamilyFiles.Load(Toy(server.BaseUri), store);
        int afterFirst = server.Requests;

        MnistFamilyFiles.Load(Toy(server.BaseUri), store);

        Assert.Equal(4, afterFirst);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public void Load_UsersFlatDirectoryOfUngzippedFiles_IsReadAsItIs()
    {
        using var dir = new TempDirectory();
        dir.File("train-images-idx3-ubyte", IdxTestFiles.Images(6));
        dir.File("train-labels-idx1-ubyte", IdxTestFiles.Labels(6));
        dir.File("t10k-images.idx3-ubyte", IdxTestFiles.Images(2));
        dir.File("t10k-labels.idx1-ubyte", IdxTestFiles.Labels(2));

        var data = MnistFamilyFiles.Load(Toy(LocalHttpServer.Unreachable()), new DataStore(dir.Path) { Downloads = false });

        Assert.Equal(6, data.Train.Count);
        Assert.Equal(2, data.Test.Count);
    }

    [Fact]
    public void Locate_Offline_SaysWhichFileWhereItLookedTheUrlAndDataDir()
    {
        using var dir = new TempDirectory();
        Uri offline = LocalHttpServer.Unreachable();

        var e = Assert.Throws<TheoryLabException>(() => MnistFamilyFiles.Locate(Toy(offline), Toy().TrainImages, new DataStore(dir.Path)));

        Assert.Contains("train-images-idx3-ubyte.gz is missing", e.Message);
        Assert.Contains(Path.Combine(dir.Path, "toy-mnist"), e.Message);
        Assert.Contains(new Uri(offline, "train-images-idx3-ubyte.gz").ToString(), e.Message);
        Assert.Contains("--data-dir DIR", e.Message);
        Assert.Contains(DataStore.Variable, e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "toy-mnist")));
    }

    [Fact]
    public void Locate_TamperedMirror_DownloadsNothingAndSaysTheDigestDiffers()
    {
        var tampered = new Dictionary<string, byte[]>(Served) { ["t10k-labels-idx1-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Labels(11)) };
        using var server = new LocalHttpServer(tampered);
        using var dir = new TempDirectory();

        var e = Assert.Throws<TheoryLabException>(() => MnistFamilyFiles.Locate(Toy(server.BaseUri), Toy().TestLabels, new DataStore(dir.Path)));

        Assert.Contains("not the published " + Toy().TestLabels.Sha256, e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "toy-mnist", "t10k-labels-idx1-ubyte.gz")));
    }

    [Fact]
    public void Locate_DownloadsOff_FailsAtOnceNamingThePublishedUrl()
    {
        using var server = new LocalHttpServer(Served);
        using var dir = new TempDirectory();

        var e = Assert.Throws<TheoryLabException>(() => MnistFamilyFiles.Locate(Toy(server.BaseUri), Toy().TestImages, new DataStore(dir.Path) { Downloads = false }));

        Assert.Equal(0, server.Requests);
        Assert.Contains(new Uri(server.BaseUri, "t10k-images-idx3-ubyte.gz").ToString(), e.Message);
    }

    [SharedDataFact("mnist/t10k-labels-idx1-ubyte.gz")]
    public void Locate_AnotherFamilyMembersFile_IsRefusedByItsDigest()
    {
        using var dir = new TempDirectory();
        dir.File("t10k-labels-idx1-ubyte.gz", File.ReadAllBytes(SharedDatasets.PathOf("mnist/t10k-labels-idx1-ubyte.gz")!));

        var e = Assert.Throws<TheoryLabException>(() => MnistFamilyFiles.Locate(MnistFamily.FashionMnist, MnistFamily.FashionMnist.TestLabels, new DataStore(dir.Path) { Downloads = false }));

        Assert.Contains("MNIST (LeCun, Cortes, Burges)'s t10k-labels-idx1-ubyte.gz", e.Message);
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void SharedMnistFiles_HaveThePublishedDigests()
    {
        foreach (var file in MnistFamily.Mnist.Files.Where(f => SharedDatasets.PathOf("mnist/" + f.Name) is not null))
        {
            string path = SharedDatasets.PathOf("mnist/" + file.Name)!;
            Assert.Equal(file.Sha256, Downloader.Sha256Of(path));
            Assert.Equal(file.Bytes, new FileInfo(path).Length);
        }
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void LoadSplit_SharedDirectoryAsDataDir_ReadsMnistTestInPlace()
    {
        var test = MnistFamilyFiles.LoadSplit(MnistFamily.Mnist, "test", new DataStore(SharedDatasets.Root!) { Downloads = false });
        Assert.Equal(10000, test.Count);
        Assert.Equal("mnist/test", test.Name);
    }
}
