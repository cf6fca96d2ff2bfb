using System.Security.Cryptography;
using System.Text;

namespace TheoryLab.Sweeps;

/// <summary>
/// A sweep as a value: an experiment, the options it varies and over which values, the seeds of every grid point, and
/// the options held fixed (on top of the paper's or, with <see cref="Quick"/>, the quick ones). What a report cites.
/// </summary>
public sealed record Study(string Experiment, IReadOnlyList<GridAxis> Grid, IReadOnlyList<int> Seeds, bool Quick, IReadOnlyList<KeyValuePair<string, string>> Set)
{
    /// <summary>Names the study's directory: a hash of its study file, so the same study always finds the same place.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StudyFile.Write(this))))[..8];

    /// <summary>Every combination of the grid's values, the first option varying slowest.</summary>
    public IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Points()
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> points = [[]];
        foreach (var axis in Grid)
            points = points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. p, KeyValuePair.Create(axis.Option, v)]));
        return points;
    }

    /// <summary>The seeds 0 to <paramref name="count"/> − 1.</summary>
    public static IReadOnlyList<int> FirstSeeds(int count) =>
        count >= 1 ? Enumerable.Range(0, count).ToArray() : throw new TheoryLabException($"--seeds must be at least 1, got {count}.");
}
