using TheoryLab.Citations;
using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>What a run must be attributed to: the papers it reproduces, the software it ran on and the datasets it read.</summary>
public sealed record RunCitations(IReadOnlyList<string> Papers, IReadOnlyList<string> Software, IReadOnlyList<string> Datasets)
{
    public static RunCitations Of(RunRecord record) => new(
        record.Papers.Distinct().ToList(),
        Bibliography.AlwaysCited,
        Data.Datasets.CitedIn(record.Options.Values).SelectMany(d => d.Keys).Distinct().ToList());

    /// <summary>Every key, papers first, each once.</summary>
    public IReadOnlyList<string> All => Papers.Concat(Datasets).Concat(Software).Distinct().ToList();
}
