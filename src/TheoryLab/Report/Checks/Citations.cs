namespace TheoryLab.Report.Checks;

/// <summary>The keys the report's body cites in its text (\nocite excluded), each with where it is first cited.</summary>
internal static class Citations
{
    public static IReadOnlyDictionary<string, string> InText(TexSource source)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in source.Body)
            foreach (var key in LatexSyntax.CitedInText(line.Text))
                first.TryAdd(key, line.Where);
        return first;
    }
}
