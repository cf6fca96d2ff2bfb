namespace TheoryLab.Citations;

/// <summary>A BibTeX file on disk that entries are merged into without duplicating keys.</summary>
public static class BibFile
{
    /// <summary>The entries of the file at <paramref name="path"/> (none when it does not exist).</summary>
    public static IReadOnlyList<BibEntry> Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return Bibliography.Parse(File.ReadAllText(path)).ToList();
        }
        catch (FormatException e)
        {
            throw new TheoryLabException($"{path} is not valid BibTeX ({e.Message}); fix the entry or restore the file.", e);
        }
    }

    /// <summary>
    /// Appends the entries whose keys the file lacks. An entry whose key exists with different text is left
    /// as the file has it (the user may have edited it) and reported as a conflict.
    /// </summary>
    public static BibMerge Merge(string path, IEnumerable<BibEntry> entries)
    {
        var existing = Read(path).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var added = new List<BibEntry>();
        var conflicting = new List<string>();
        foreach (var entry in entries)
        {
            if (existing.TryGetValue(entry.Key, out var present))
            {
                if (Normalize(present.Text) != Normalize(entry.Text) && !conflicting.Contains(entry.Key)) conflicting.Add(entry.Key);
                continue;
            }
            existing[entry.Key] = entry;
            added.Add(entry);
        }
        if (added.Count > 0)
        {
            string text = File.Exists(path) ? File.ReadAllText(path).TrimEnd() + "\n\n" : "";
            text += string.Join("\n\n", added.Select(e => e.Text.Trim())) + "\n";
            AtomicFile.WriteAllText(path, text);
        }
        return new BibMerge(added.Select(e => e.Key).ToList(), conflicting);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>What a merge did: keys appended, and keys present already with different text (kept as they were).</summary>
public sealed record BibMerge(IReadOnlyList<string> Added, IReadOnlyList<string> Conflicting);
