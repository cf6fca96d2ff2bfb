namespace TheoryLab.RunIndex;

/// <summary>A run as the index lists it: what it is, how it ended, what it changed, and what it found.</summary>
public sealed record ListedRun(
    string Directory, string Experiment, string RunId, int Seed, string Status, DateTimeOffset Started, double? WallSeconds,
    IReadOnlyList<KeyValuePair<string, string>> NonDefaultOptions, IReadOnlyList<ListedFinding> Findings);

/// <summary>A finding of a listed run: its value where measured, else its outcome (diverged, not-reached).</summary>
public sealed record ListedFinding(string Name, double? Value, string Outcome, string Unit);
