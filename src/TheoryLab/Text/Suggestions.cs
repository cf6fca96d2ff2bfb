namespace TheoryLab;

/// <summary>Closest-name suggestions for misspelt experiment, option and dataset names.</summary>
public static class Suggestions
{
    /// <summary>The candidates nearest to <paramref name="name"/> by edit distance (at most three, only plausible ones).</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates)
    {
        string typed = name.ToLowerInvariant();
        var scored = candidates
            .Select(c => (Candidate: c, Distance: Math.Min(Distance(typed, c.ToLowerInvariant()), PrefixDistance(typed, c.ToLowerInvariant()))))
            .Where(x => x.Distance <= Math.Max(2, x.Candidate.Length / 2) || x.Candidate.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(x.Candidate, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Candidate)
            .ToList();
        return scored;
    }

    /// <summary>" (did you mean a or b?)", or an empty string when nothing is close.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var closest = Closest(name, candidates);
        return closest.Count == 0 ? "" : $" (did you mean {string.Join(" or ", closest)}?)";
    }

    /// <summary>
    /// Distance to the candidate's beginning of about the typed length, so a misspelt first word
    /// ("fasion" for "fashion-mnist") still finds its name.
    /// </summary>
    private static int PrefixDistance(string typed, string candidate) =>
        typed.Length < 3 || candidate.Length <= typed.Length ? int.MaxValue : Distance(typed, candidate[..(typed.Length + 1)]);

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
