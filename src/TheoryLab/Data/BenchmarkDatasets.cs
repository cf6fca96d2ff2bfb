using TheoryLab.Options;

namespace TheoryLab.Data;

/// <summary>The choices of a dataset option that accepts every classification benchmark of <see cref="Datasets"/>.</summary>
public sealed class BenchmarkDatasets : IChoiceList
{
    private BenchmarkDatasets() { }

    public static IReadOnlyList<string> Choices => Datasets.Benchmarks;
}
