using System.Globalization;
using System.IO.Compression;
using TheoryLab.Data;

namespace TheoryLab.Tests.Training;

/// <summary>
/// The real datasets beside the repository (../shared/datasets from the folder holding TheoryLab.slnx), read in
/// place with small private readers until the Data layer's loaders are on this branch.
/// </summary>
internal static class SharedDatasets
{
    public static string? Folder(string dataset)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "TheoryLab.slnx"))) continue;
            string folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets", dataset));
            return Directory.Exists(folder) ? folder : null;
        }
        return null;
    }

    public static string Require(string dataset) =>
        Folder(dataset) ?? throw new InvalidOperationException($"../shared/datasets/{dataset} is absent; the test should have been skipped");

    /// <summary>Greydanus's published MNIST-1D (4000 train, 1000 test sequences of length 40), from its CSV copy.</summary>
    public static TrainTest PublishedMnist1d()
    {
        string folder = Require("mnist1d");
        return new TrainTest(ReadMnist1d(folder, "train"), ReadMnist1d(folder, "test"));
    }

    /// <summary>The 10,000 MNIST test images as [1, 28, 28] examples with pixels scaled to [0, 1].</summary>
    public static LabeledData MnistTestSplit()
    {
        string folder = Require("mnist");
        byte[] images = Gunzip(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"));
        byte[] labels = Gunzip(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        const int header = 16, pixels = 28 * 28;
        int count = labels.Length - 8;
        var inputs = new float[count * pixels];
        for (int k = 0; k < inputs.Length; k++) inputs[k] = images[header + k] / 255f;
        return new LabeledData("mnist/test", inputs, labels.Skip(8).Select(b => (int)b).ToArray(), [1, 28, 28], 10);
    }

    private static LabeledData ReadMnist1d(string folder, string split)
    {
        var rows = File.ReadAllLines(Path.Combine(folder, $"{split}_x.csv")).Where(l => l.Length > 0).ToArray();
        var inputs = rows.SelectMany(r => r.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        var labels = File.ReadAllLines(Path.Combine(folder, $"{split}_y.csv")).Where(l => l.Length > 0)
            .Select(v => (int)double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new LabeledData($"mnist1d-published/{split}", inputs, labels, [inputs.Length / labels.Length], 10);
    }

    private static byte[] Gunzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>A fact that is skipped, saying why, when a dataset folder under ../shared/datasets is absent.</summary>
internal sealed class FactNeedingDatasetAttribute : FactAttribute
{
    public FactNeedingDatasetAttribute(string dataset)
    {
        if (SharedDatasets.Folder(dataset) is null)
            Skip = $"../shared/datasets/{dataset} is absent beside the repository; this test reads the real data in place.";
    }
}
