using System.Text;
using System.Text.RegularExpressions;

namespace TheoryLab.Citations;

/// <summary>
/// TheoryLab's one BibTeX database (embedded), parsed into entries by key. Experiments name keys;
/// run directories carry the subset they cite.
/// </summary>
public sealed partial class Bibliography
{
    private readonly Dictionary<string, BibEntry> _entries;

    public Bibliography(string bibtex)
    {
        _entries = new Dictionary<string, BibEntry>(StringComparer.Ordinal);
        foreach (var entry in Parse(bibtex))
            if (!_entries.TryAdd(entry.Key, entry)) throw new FormatException($"BibTeX key '{entry.Key}' appears twice");
    }

    public static Bibliography Default { get; } = new(ReadEmbedded());

    /// <summary>The BibTeX text of TheoryLab's bibliography, every course paper, dataset and software entry, as shipped.</summary>
    public static string DefaultText => ReadEmbedded();

    public IReadOnlyCollection<BibEntry> Entries => _entries.Values;

    public bool Contains(string key) => _entries.ContainsKey(key);

    public BibEntry Get(string key) =>
        _entries.TryGetValue(key, out var e) ? e : throw new KeyNotFoundException($"no BibTeX entry '{key}' in TheoryLab's bibliography");

    /// <summary>The entries for <paramref name="keys"/> (plus those every run cites: TheoryLab and TorchSharp) as BibTeX text.</summary>
    public string Subset(IEnumerable<string> keys)
    {
        var sb = new StringBuilder();
        foreach (var key in keys.Concat(AlwaysCited).Distinct())
            sb.AppendLine(Get(key).Text).AppendLine();
        return sb.ToString();
    }

    /// <summary>Software every run depends on, cited by every run.</summary>
    public static readonly string[] AlwaysCited = ["theorylab", "torchsharp", "paszke2019pytorch"];

    public static IEnumerable<BibEntry> Parse(string bibtex)
    {
        int i = 0;
        while ((i = bibtex.IndexOf('@', i)) >= 0)
        {
            var head = HeadPattern().Match(bibtex, i);
            if (!head.Success || head.Index != i) { i++; continue; }
            int depth = 1, j = head.Index + head.Length;
            for (; j < bibtex.Length && depth > 0; j++)
            {
                if (bibtex[j] == '{') depth++;
                else if (bibtex[j] == '}') depth--;
            }
            if (depth != 0) throw new FormatException($"unbalanced braces in BibTeX entry '{head.Groups[2].Value}'");
            string text = bibtex[i..j];
            yield return new BibEntry(head.Groups[2].Value.Trim(), head.Groups[1].Value.ToLowerInvariant(), text, Fields(text));
            i = j;
        }
    }

    private static Dictionary<string, string> Fields(string entry)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in FieldPattern().Matches(entry))
        {
            int start = m.Index + m.Length, depth = 1, j = start;
            if (entry[start - 1] == '{')
            {
                for (; j < entry.Length && depth > 0; j++)
                {
                    if (entry[j] == '{') depth++;
                    else if (entry[j] == '}') depth--;
                }
                fields[m.Groups[1].Value] = entry[start..(j - 1)];
            }
            else
            {
                int end = entry.IndexOfAny([',', '\n'], start);
                fields[m.Groups[1].Value] = entry[(start - 1)..(end < 0 ? entry.Length : end)].Trim().Trim('"');
            }
        }
        return fields;
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(Bibliography).Assembly.GetManifestResourceStream("TheoryLab.references.bib")
            ?? throw new InvalidOperationException("the embedded bibliography is missing from the TheoryLab assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"@(\w+)\s*\{\s*([^,\s]+)\s*,")]
    private static partial Regex HeadPattern();

    [GeneratedRegex(@"(?m)^\s*(\w+)\s*=\s*[{""0-9]")]
    private static partial Regex FieldPattern();
}

/// <summary>One BibTeX entry: key, type (article, inproceedings, …), full text and fields.</summary>
public sealed record BibEntry(string Key, string Type, string Text, IReadOnlyDictionary<string, string> Fields);
