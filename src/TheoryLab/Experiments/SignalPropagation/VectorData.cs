using TheoryLab.Data;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>Classification sets as fully connected networks take them: every example one standardised vector.</summary>
internal static class VectorData
{
    /// <summary>
    /// Inputs flattened to vectors and standardised by <paramref name="train"/> (mean 0 and mean square 1 over every
    /// value, so q⁰ = |x|²/n₀ ≈ 1 per example), in <paramref name="dtype"/>; labels as int64.
    /// </summary>
    public static (Tensor Inputs, Tensor Labels) Of(LabeledData data, LabeledData train, ScalarType dtype = ScalarType.Float32)
    {
        var (inputs, labels) = data.Standardised(train);
        return (inputs.reshape(data.Count, data.ExampleSize).to(dtype), labels);
    }

    /// <summary>Input dimension and split sizes of a dataset by name, without loading it (for cost estimates).</summary>
    public static (int Inputs, int Train, int Test) Shape(string dataset) => dataset switch
    {
        "mnist1d" or "mnist1d-published" => (40, 4000, 1000),
        _ when dataset.EndsWith("-t10k", StringComparison.Ordinal) => (784, Datasets.TestSplitTrainCount, 10_000 - Datasets.TestSplitTrainCount),
        _ => (784, 60_000, 10_000),
    };
}
