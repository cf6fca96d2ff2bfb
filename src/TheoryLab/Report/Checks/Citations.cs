namespace TheoryLab.Report.Checks;

/// <summary>The keys the report's body cites in its text (\nocite excluded), each with where it is first cited.</summary>
internal static class Citations
{
    public static IReadOnlyDictionary<string, string> InText(TexSource source) => FirstCited(source.Body);

    /// <summary>
    /// The keys cited outside the code description: its file (which 'theorylab report methods' writes) and its section.
    /// What that paragraph cites credits software and reproduced experiments; it contrasts no papers.
    /// </summary>
    public static IReadOnlyDictionary<string, string> InDiscussion(TexSource source) =>
        FirstCited(source.Body.Where(l => !InCodeDescription(source).Contains(l)));

    /// <summary>The lines of code-description.tex and of the section whose heading names the code.</summary>
    public static HashSet<SourceLine> InCodeDescription(TexSource source)
    {
        var lines = new HashSet<SourceLine>();
        bool inSection = false;
        foreach (var line in source.Body)
        {
            if (LatexSyntax.SectionTitle(line.Text) is { } title) inSection = CodeDescriptionRule.IsCodeTitle(title);
            if (inSection || line.File == ReportLayout.CodeDescriptionFile) lines.Add(line);
        }
        return lines;
    }

    private static Dictionary<string, string> FirstCited(IEnumerable<SourceLine> lines)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
            foreach (var key in LatexSyntax.CitedInText(line.Text))
                first.TryAdd(key, line.Where);
        return first;
    }
}
