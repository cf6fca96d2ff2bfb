using TheoryLab.Data;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>The shapes of the classification sets the fully connected networks of this topic take, without loading them.</summary>
internal static class VectorData
{
    /// <summary>Input dimension and split sizes of a dataset by name, without loading it (for cost estimates).</summary>
    public static (int Inputs, int Train, int Test) Shape(string dataset) => dataset switch
    {
        "mnist1d" or "mnist1d-published" => (40, 4000, 1000),
        _ when dataset.EndsWith("-t10k", StringComparison.Ordinal) => (784, Datasets.TestSplitTrainCount, 10_000 - Datasets.TestSplitTrainCount),
        _ => (784, 60_000, 10_000),
    };
}
