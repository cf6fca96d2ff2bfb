namespace TheoryLab.Citations;

/// <summary>The datasets TheoryLab loads, by the names options use, and the BibTeX key each must be cited by.</summary>
public static class DatasetCitations
{
    private static readonly (string[] Names, string Display, string Key)[] Known =
    [
        (["mnist", "mnist-t10k"], "MNIST", "lecun1998mnist"),
        (["fashion-mnist", "fashionmnist", "fashion", "fashion-mnist-t10k"], "Fashion-MNIST", "xiao2017fashion"),
        (["kmnist", "kuzushiji-mnist", "kmnist-t10k"], "KMNIST", "clanuwat2018deep"),
        (["mnist1d", "mnist-1d", "mnist1d-published"], "MNIST-1D", "greydanus2020scaling"),
    ];

    /// <summary>The datasets named by any of the option values (lists split at commas), as (display name, key), each once.</summary>
    public static IReadOnlyList<(string Display, string Key)> In(IEnumerable<string> optionValues)
    {
        var found = new List<(string, string)>();
        foreach (var value in optionValues.SelectMany(v => v.Split(',')))
        {
            string name = value.Trim().ToLowerInvariant().Replace('_', '-');
            foreach (var (names, display, key) in Known)
                if (names.Contains(name) && !found.Contains((display, key))) found.Add((display, key));
        }
        return found;
    }

    /// <summary>Every dataset key, so checks can tell dataset entries from research papers.</summary>
    public static IEnumerable<string> AllKeys => Known.Select(k => k.Key);
}
