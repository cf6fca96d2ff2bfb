namespace TheoryLab.Data.Download;

/// <summary>A file as its publisher distributes it: its name, its SHA-256 digest (lower-case hex) and its size.</summary>
public sealed record PublishedFile(string Name, string Sha256, long Bytes);
