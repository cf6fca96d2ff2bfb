namespace TheoryLab.Data;

/// <summary>
/// How a dataset is credited: its title as prose names it and the BibTeX keys of its publication. The keys are
/// plain strings here, below the bibliography; TheoryLab.Citations resolves them to entries.
/// </summary>
public sealed record DatasetCitation(string Title, IReadOnlyList<string> Keys)
{
    // Records compare lists by reference; two citations are the same when their titles and keys are.
    public bool Equals(DatasetCitation? other) => other is not null && Title == other.Title && Keys.SequenceEqual(other.Keys);

    public override int GetHashCode() => HashCode.Combine(Title, string.Join(",", Keys));
}
