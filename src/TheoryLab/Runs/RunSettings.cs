namespace TheoryLab.Runs;

/// <summary>
/// The sentence that ends a figure's caption: which experiment ran, with which options where they differ from the
/// paper's (its quick settings named as such), and the seed. Options left at the paper's values are not listed.
/// </summary>
public static class RunSettings
{
    /// <summary>"Run of \texttt{edge-of-chaos} with the paper's settings except \texttt{sigma\_b2}~=~0.3; seed 0.", in LaTeX.</summary>
    public static string Sentence(RunRequest request)
    {
        var schema = request.Experiment.Schema;
        var changed = schema.NonDefault(request.Options);
        bool quick = changed.Count > 0 && schema.Values(request.Options).SequenceEqual(schema.Values(request.Experiment.QuickOptions));
        string settings = changed.Count == 0 ? "the paper's settings"
            : quick ? "TheoryLab's quick settings (smaller than the paper's, to run in seconds)"
            : "the paper's settings except " + Join(changed.Select(o => $@"\texttt{{{LatexText.From(o.Key)}}}~=~{Value(o.Value)}").ToList());
        return $@"Run of \texttt{{{LatexText.From(request.Experiment.Id)}}} with {settings}; seed {request.Seed}.";
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Join(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    /// <summary>A value as LaTeX, a list's items spaced as prose.</summary>
    public static string Value(string text) => LatexText.From(text.Replace(",", ", "));
}
