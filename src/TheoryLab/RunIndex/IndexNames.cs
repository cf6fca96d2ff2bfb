namespace TheoryLab.RunIndex;

/// <summary>The names --where may compare: the fields of every run, and the options and findings the indexed runs have.</summary>
public sealed record IndexNames(IReadOnlySet<string> Options, IReadOnlySet<string> Findings)
{
    public IEnumerable<string> All => RunFilter.Fields.Concat(Options.Order(StringComparer.Ordinal)).Concat(Findings.Order(StringComparer.Ordinal)).Distinct();
}
