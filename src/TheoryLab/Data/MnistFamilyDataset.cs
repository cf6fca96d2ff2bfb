using TheoryLab.Data.Download;

namespace TheoryLab.Data;

/// <summary>
/// One dataset in MNIST's IDX format: its four published files, the mirrors that serve them, and where the
/// digests were read. The files are looked for in the data directory first and downloaded only when absent.
/// </summary>
/// <param name="Name">The name <c>Datasets.Load</c> knows it by ("fashion-mnist").</param>
/// <param name="Title">For messages ("Fashion-MNIST (Xiao, Rasul, Vollgraf 2017)").</param>
/// <param name="Mirrors">Base URLs, tried in order; each serves the files under their published names.</param>
/// <param name="DigestSource">Where the SHA-256 digests below come from.</param>
/// <param name="Citation">What a run that reads it cites.</param>
public sealed record MnistFamilyDataset(
    string Name,
    string Title,
    IReadOnlyList<Uri> Mirrors,
    PublishedFile TrainImages,
    PublishedFile TrainLabels,
    PublishedFile TestImages,
    PublishedFile TestLabels,
    string DigestSource,
    DatasetCitation Citation)
{
    /// <summary>The four files: training images and labels, then test images and labels.</summary>
    public IReadOnlyList<PublishedFile> Files => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The images and labels files of one split: "train" or "test".</summary>
    public (PublishedFile Images, PublishedFile Labels) Split(string split) => split switch
    {
        "train" => (TrainImages, TrainLabels),
        "test" => (TestImages, TestLabels),
        _ => throw new TheoryLabException($"{Name} has the splits train and test, not '{split}'{Suggestions.DidYouMean(split, ["train", "test"])}."),
    };
}
