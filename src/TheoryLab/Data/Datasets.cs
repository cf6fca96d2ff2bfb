using TheoryLab.Data.Mnist1D;
using TheoryLab.Data.Toy;

namespace TheoryLab.Data;

/// <summary>
/// Every dataset TheoryLab loads by name: a plain table from name to loader. Generated sets depend only on
/// the seed; file-based sets come from the <see cref="DataStore"/> (downloaded into it when absent).
/// </summary>
public static class Datasets
{
    /// <summary>Examples in each split of the 2-D toy sets.</summary>
    public const int ToySplitSize = 1000;

    /// <param name="Prepare">Makes sure the files are at hand (downloading published ones); nothing for generated sets.</param>
    /// <param name="Citation">The dataset's title and the BibTeX keys a run that reads it must cite.</param>
    /// <param name="Shape">The shape of an example, the classes and the sizes of its splits, known without loading it.</param>
    /// <param name="IsBenchmark">Whether it is one of the classification benchmarks (MNIST-1D, the MNIST family) rather than a 2-D toy set.</param>
    private sealed record Entry(string Description, Func<DataStore, int, TrainTest> Load, Action<DataStore> Prepare, DatasetCitation Citation,
        DatasetShape Shape, bool IsBenchmark = true);

    private static readonly DatasetShape Mnist1DShape = new([40], 10, 4000, 1000);

    private static readonly DatasetCitation Uncited = new("", []);
    private static readonly DatasetCitation Mnist1DPaper = new("MNIST-1D", ["greydanus2020scaling"]);

    private static readonly Action<DataStore> Generated = _ => { };

    private static readonly Dictionary<string, Entry> Table = new(StringComparer.Ordinal)
    {
        ["mnist1d"] = new("MNIST-1D generated from its templates (Greydanus 2020): 4,000 / 1,000 sequences of 40 points; needs no files", (_, seed) => Mnist1DGenerator.Generate(seed).Splits, Generated, Mnist1DPaper, Mnist1DShape),
        ["mnist1d-published"] = new("the published MNIST-1D set, read from its CSV files in the data directory",
            (store, _) =>
            {
                store.RequireDirectory();
                return Mnist1DPublished.Load(store.Directory).Splits;
            },
            store =>
            {
                store.RequireDirectory();
                Mnist1DPublished.Locate(store.Directory);
            },
            Mnist1DPaper,
            Mnist1DShape),
        ["mnist"] = Family(MnistFamily.Mnist),
        ["fashion-mnist"] = Family(MnistFamily.FashionMnist),
        ["kmnist"] = Family(MnistFamily.Kmnist),
        ["mnist-t10k"] = TestSplitOnly(MnistFamily.Mnist),
        ["fashion-mnist-t10k"] = TestSplitOnly(MnistFamily.FashionMnist),
        ["kmnist-t10k"] = TestSplitOnly(MnistFamily.Kmnist),
        ["two-spirals"] = Toy("two interleaved spirals in the plane", 2, (count, seed) => TwoSpirals.Generate(count, seed)),
        ["two-moons"] = Toy("two interleaving half circles in the plane", 2, (count, seed) => TwoMoons.Generate(count, seed)),
        ["gaussian-mixture"] = Toy("four Gaussian clusters in the plane, one class each", GaussianMixture.DefaultComponents, (count, seed) => GaussianMixture.Generate(count, seed)),
    };

    /// <summary>The names <see cref="Load"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Keys];

    /// <summary>The classification benchmarks, MNIST-1D and the MNIST family, which every training experiment accepts.</summary>
    public static IReadOnlyList<string> Benchmarks { get; } = [.. Table.Where(e => e.Value.IsBenchmark).Select(e => e.Key)];

    /// <summary>
    /// The datasets named by any of <paramref name="optionValues"/> (lists split at commas), each once, with what
    /// a run that read them must cite; values that name no dataset are passed over. Generated toy sets cite nothing.
    /// </summary>
    public static IReadOnlyList<DatasetCitation> CitedIn(IEnumerable<string> optionValues) =>
        optionValues.SelectMany(v => v.Split(','))
            .Select(v => Table.TryGetValue(v.Trim(), out var entry) ? entry.Citation : Uncited)
            .Where(c => c.Keys.Count > 0)
            .Distinct()
            .ToList();

    /// <summary>Every BibTeX key some dataset is cited by, so that reference checks can tell datasets from research papers.</summary>
    public static IReadOnlyList<string> CitationKeys { get; } = [.. Table.Values.SelectMany(e => e.Citation.Keys).Distinct()];

    /// <summary>One line describing the dataset called <paramref name="name"/>.</summary>
    public static string Describe(string name) => Find(name).Description;

    /// <summary>The example shape, classes and split sizes of a dataset by name, without loading it (for cost estimates).</summary>
    public static DatasetShape Shape(string name) => Find(name).Shape;

    /// <summary>
    /// The training and test splits of the dataset called <paramref name="name"/>. Unknown names throw a
    /// <see cref="TheoryLabException"/> suggesting the closest valid ones.
    /// </summary>
    public static TrainTest Load(string name, DataStore store, int seed) => Find(name).Load(store, seed);

    /// <summary>
    /// Makes sure the files of the dataset called <paramref name="name"/> are at hand, downloading published ones that
    /// are missing where the store allows, so that a run can be refused before it starts rather than fail midway.
    /// Throws the <see cref="TheoryLabException"/> that <see cref="Load"/> would; generated sets need nothing.
    /// </summary>
    public static void Prepare(string name, DataStore store) => Find(name).Prepare(store);

    /// <summary>The published MNIST-1D set from the CSV files in <paramref name="directory"/> (or its mnist1d/ subdirectory).</summary>
    public static TrainTest LoadMnist1DPublished(string directory) => Mnist1DPublished.Load(directory).Splits;

    private static Entry Find(string name) =>
        Table.TryGetValue(name, out var entry)
            ? entry
            : throw new TheoryLabException($"no dataset is called '{name}'{Suggestions.DidYouMean(name, Names)}; the datasets are {string.Join(", ", Names)}.");

    private static Entry Family(MnistFamilyDataset dataset) => new(
        $"{dataset.Title}: 60,000 / 10,000 images of 28 × 28, IDX files in the data directory, downloaded when absent",
        (store, _) => PointingAtTheTestSplit(dataset, store, () => MnistFamilyFiles.Load(dataset, store)),
        store => PointingAtTheTestSplit(dataset, store, () => dataset.Files.Select(file => MnistFamilyFiles.Locate(dataset, file, store)).ToList()),
        dataset.Citation,
        new([1, 28, 28], 10, 60_000, 10_000));

    /// <summary>Runs <paramref name="use"/>; where it fails for want of the training files alone, the message says how to use the test split.</summary>
    private static T PointingAtTheTestSplit<T>(MnistFamilyDataset dataset, DataStore store, Func<T> use)
    {
        try
        {
            return use();
        }
        catch (TheoryLabException e) when (!Present(dataset, store, "train") && Present(dataset, store, "test"))
        {
            throw new TheoryLabException(
                $"{e.Message} Only the test split is here: in code, MnistFamilyFiles.LoadSplit(MnistFamily.Get(\"{dataset.Name}\"), \"test\", store).SplitTrainTest(8000, seed) makes a train/test pair of it, as the dataset '{dataset.Name}-t10k' does.", e);
        }
    }

    /// <summary>Examples of the test split that <see cref="TestSplitOnly"/> trains on; the rest are its test set.</summary>
    public const int TestSplitTrainCount = 8000;

    /// <summary>
    /// The 10,000 test images alone, split 8,000 / 2,000 by the seed: real MNIST-family data for machines that hold
    /// only the test files (the shared datasets here lack MNIST's 60,000 training images).
    /// </summary>
    private static Entry TestSplitOnly(MnistFamilyDataset dataset) => new(
        $"{dataset.Title}'s 10,000 test images alone, split {TestSplitTrainCount:N0} / {10_000 - TestSplitTrainCount:N0} by the seed (for machines without the training files)",
        (store, seed) => MnistFamilyFiles.LoadSplit(dataset, "test", store).SplitTrainTest(TestSplitTrainCount, seed),
        store => MnistFamilyFiles.LocateSplit(dataset, "test", store),
        dataset.Citation,
        new([1, 28, 28], 10, TestSplitTrainCount, 10_000 - TestSplitTrainCount));

    private static bool Present(MnistFamilyDataset dataset, DataStore store, string split)
    {
        var (images, labels) = dataset.Split(split);
        return new[] { images, labels }.All(f => MnistFamilyFiles.Candidates(dataset, f, store).Any(File.Exists));
    }

    private static Entry Toy(string description, int classes, Func<int, int, LabeledData> generate) => new(
        $"{description}: {ToySplitSize} / {ToySplitSize} points",
        (_, seed) =>
        {
            var all = generate(2 * ToySplitSize, seed);
            return new(all.Select([.. Enumerable.Range(0, ToySplitSize)], $"{all.Name}/train"), all.Select([.. Enumerable.Range(ToySplitSize, ToySplitSize)], $"{all.Name}/test"));
        },
        Generated,
        Uncited,
        new([2], classes, ToySplitSize, ToySplitSize),
        IsBenchmark: false);
}
