using TheoryLab.Runs;

namespace TheoryLab.Sweeps;

/// <summary>One run of a sweep: its grid point, the request that runs it (as <c>theorylab run</c> would make it), and whether it is already complete.</summary>
public sealed record SweepRun(IReadOnlyList<KeyValuePair<string, string>> Point, RunRequest Request, bool Done)
{
    public int Seed => Request.Seed;
    public string Directory => Path.GetFullPath(Request.Directory);

    /// <summary>"depth=3, seed 1": the run as a reader of the summary knows it.</summary>
    public string Describe() => string.Join(", ", Point.Select(p => $"{p.Key}={p.Value}").Append($"seed {Seed}"));
}
