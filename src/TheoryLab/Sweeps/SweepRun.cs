using TheoryLab.Runs;

namespace TheoryLab.Sweeps;

/// <summary>One run of a sweep: its grid point, the request that runs it (as <c>theorylab run</c> would make it), and whether it is already complete.</summary>
public sealed record SweepRun(IReadOnlyList<KeyValuePair<string, string>> Point, RunRequest Request, bool Done)
{
    public int Seed => Request.Seed;
    public string Directory => Path.GetFullPath(Request.Directory);

    /// <summary>"depth=3, seed 1": the run as a reader of the summary knows it.</summary>
    public string Describe() => string.Join(", ", Point.Select(p => $"{p.Key}={p.Value}").Append($"seed {Seed}"));

    /// <summary>
    /// The arguments of <c>theorylab run</c> that make this run, as a local worker and a Slurm array task both pass
    /// them: the study's fixed options, then the grid point's, the seed and the run's directory.
    /// </summary>
    public IEnumerable<string> RunArguments(Study study, string? dataDirectory)
    {
        yield return "run";
        yield return study.Experiment;
        if (study.Quick) yield return "--quick";
        foreach (var (name, value) in study.Set.Concat(Point))
        {
            yield return "--set";
            yield return $"{name}={value}";
        }
        foreach (string argument in new[] { "--seed", Seed.ToString(), "--out", Directory, "--json", "--yes" }) yield return argument;
        if (dataDirectory is not null)
        {
            yield return "--data-dir";
            yield return dataDirectory;
        }
    }
}
