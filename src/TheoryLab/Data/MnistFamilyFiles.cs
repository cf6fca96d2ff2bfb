using TheoryLab.Data.Download;
using TheoryLab.Data.Idx;

namespace TheoryLab.Data;

/// <summary>
/// Finds an MNIST-family dataset's files in a <see cref="DataStore"/>, downloading those that are absent,
/// and reads its splits.
/// </summary>
public static class MnistFamilyFiles
{
    /// <summary>Training and test splits, every file found or downloaded first.</summary>
    public static TrainTest Load(MnistFamilyDataset dataset, DataStore store, Downloader? downloader = null, CancellationToken cancellation = default) =>
        new(LoadSplit(dataset, "train", store, downloader, cancellation), LoadSplit(dataset, "test", store, downloader, cancellation));

    /// <summary>One split ("train" or "test"), for users who hold only that split's files.</summary>
    public static LabeledData LoadSplit(MnistFamilyDataset dataset, string split, DataStore store, Downloader? downloader = null, CancellationToken cancellation = default)
    {
        var (images, labels) = dataset.Split(split);
        var (imagesPath, labelsPath) = LocateSplit(dataset, split, store, downloader, cancellation);
        string remedy = $"Replace the {dataset.Title} files with the published ones ({Urls(dataset, images)[0]} and {labels.Name}), or delete them so TheoryLab downloads fresh copies into {store.DirectoryFor(dataset.Name)}.";
        return IdxLabeledData.Read(imagesPath, labelsPath, $"{dataset.Name}/{split}", remedy);
    }

    /// <summary>The paths of one split's images and labels files, each found in the store or downloaded into it.</summary>
    public static (string Images, string Labels) LocateSplit(MnistFamilyDataset dataset, string split, DataStore store, Downloader? downloader = null, CancellationToken cancellation = default)
    {
        var (images, labels) = dataset.Split(split);
        return (Locate(dataset, images, store, downloader, cancellation), Locate(dataset, labels, store, downloader, cancellation));
    }

    /// <summary>
    /// Where <paramref name="file"/> may already be, in the order looked at: the dataset's own subdirectory,
    /// then the store's directory itself, each under the published name, un-gzipped, and with a dot before "idx".
    /// </summary>
    public static IReadOnlyList<string> Candidates(MnistFamilyDataset dataset, PublishedFile file, DataStore store)
    {
        string raw = file.Name.EndsWith(".gz", StringComparison.Ordinal) ? file.Name[..^3] : file.Name;
        string dotted = raw.Replace("-idx", ".idx", StringComparison.Ordinal);
        string[] names = [file.Name, raw, dotted, dotted + ".gz"];
        return [.. new[] { store.DirectoryFor(dataset.Name), store.Directory }.SelectMany(dir => names.Select(name => Path.Combine(dir, name)))];
    }

    /// <summary>
    /// The path of <paramref name="file"/>: the first candidate that exists, else a fresh download into the
    /// dataset's subdirectory. Throws a <see cref="TheoryLabException"/> saying where it looked, which URLs
    /// failed and how to point TheoryLab at a copy when the file is neither present nor downloadable.
    /// </summary>
    public static string Locate(MnistFamilyDataset dataset, PublishedFile file, DataStore store, Downloader? downloader = null, CancellationToken cancellation = default)
    {
        store.RequireDirectory();
        var candidates = Candidates(dataset, file, store);
        string? found = candidates.FirstOrDefault(File.Exists);
        if (found is not null)
        {
            RefuseSiblingsFile(dataset, file, found);
            return found;
        }

        string directory = store.DirectoryFor(dataset.Name);
        string target = Path.Combine(directory, file.Name);
        string looked = $"looked for it in {directory} and {store.Directory} (gzipped or not)";
        string pointAt = $"Put the file in {directory}, or pass --data-dir DIR (or set {DataStore.Variable}) naming a directory that holds it";
        if (!store.Downloads)
            throw new TheoryLabException($"{dataset.Title}: {file.Name} is missing; {looked}; downloads are off. It is published at {Urls(dataset, file)[0]}. {pointAt}.");

        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"{dataset.Title}: {file.Name} is missing and {directory} cannot be created to download it into ({e.Message}). {pointAt}.", e);
        }

        try
        {
            (downloader ?? Downloader.Default).Fetch(file, dataset.Mirrors, target, cancellation);
        }
        catch (TheoryLabException e)
        {
            throw new TheoryLabException($"{dataset.Title}: {file.Name} is missing; {looked}; {e.Message}. {pointAt}.", e);
        }
        return target;
    }

    /// <summary>The URLs a file is published at, one per mirror.</summary>
    public static IReadOnlyList<Uri> Urls(MnistFamilyDataset dataset, PublishedFile file) =>
        [.. dataset.Mirrors.Select(m => new Uri(m, file.Name))];

    /// <summary>
    /// MNIST, Fashion-MNIST and KMNIST share file names, so a directory meant for one is easily given for
    /// another; a gzipped file whose digest is another dataset's is refused rather than read as this one.
    /// Files with digests of no known dataset are a user's own and are read as they are.
    /// </summary>
    private static void RefuseSiblingsFile(MnistFamilyDataset dataset, PublishedFile file, string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return;
        string digest = Downloader.Sha256Of(path);
        if (digest == file.Sha256) return;
        var owner = MnistFamily.All.FirstOrDefault(other => other.Name != dataset.Name && other.Files.Any(f => f.Sha256 == digest));
        if (owner is not null)
            throw new TheoryLabException($"{path} is {owner.Title}'s {owner.Files.First(f => f.Sha256 == digest).Name}, not {dataset.Title}'s; give {dataset.Name} a directory of its own (DIR/{dataset.Name}/) or load {owner.Name} instead.");
    }
}
