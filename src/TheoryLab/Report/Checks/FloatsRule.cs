using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>Every figure and table has a caption and is referred to in the text.</summary>
internal sealed partial class FloatsRule : IReportRule
{
    private static readonly HashSet<string> Floats = ["figure", "figure*", "table", "table*", "wrapfigure", "wraptable"];

    public RuleInfo Info { get; } = new("floats-referenced", RuleSeverity.Hard, "Every figure and table is captioned and referred to in the text.");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        var results = document.Source is not null ? FromSource(document.Source).ToList()
            : document.Layout is not null ? FromPdf(document.Layout).ToList()
            : null;
        if (results is null) { yield return RuleResult.Skip(Info, document.LayoutMissing ?? "nothing to read", "check main.tex, or build the PDF"); yield break; }
        foreach (var r in results) yield return r;
    }

    private sealed record Float(string Kind, SourceLine Begin, List<SourceLine> Lines);

    private IEnumerable<RuleResult> FromSource(TexSource source)
    {
        var floats = new List<Float>();
        Float? open = null;
        foreach (var line in source.Body)
        {
            foreach (var (name, begins) in LatexSyntax.Environments(line.Text).Where(e => Floats.Contains(e.Name)))
            {
                if (begins && open is null) floats.Add(open = new Float(name.TrimEnd('*').Replace("wrap", ""), line, []));
                else if (!begins && open is not null) { open.Lines.Add(line); open = null; }
            }
            if (open is not null && !open.Lines.Contains(line)) open.Lines.Add(line);
        }
        var inFloat = floats.SelectMany(f => f.Lines).ToHashSet();
        var referenced = source.Body.Where(l => !inFloat.Contains(l)).SelectMany(l => LatexSyntax.References(l.Text)).ToHashSet(StringComparer.Ordinal);
        int problems = 0;
        foreach (var f in floats)
        {
            bool captioned = f.Lines.Any(l => l.Text.Contains(@"\caption", StringComparison.Ordinal));
            var labels = f.Lines.SelectMany(l => LatexSyntax.Labels(l.Text)).ToList();
            if (!captioned)
            {
                problems++;
                yield return RuleResult.Fail(Info, f.Begin.Where, $"a {f.Kind} without a caption", $@"add \caption{{…}} saying what the {f.Kind} shows");
            }
            if (labels.Count == 0)
            {
                problems++;
                yield return RuleResult.Fail(Info, f.Begin.Where, $"a {f.Kind} without a label, so the text cannot refer to it",
                    $@"add \label{{{(f.Kind == "table" ? "tab" : "fig")}:name}} after the caption and refer to it with {Capital(f.Kind)}~\ref{{…}}");
            }
            else if (!labels.Any(referenced.Contains))
            {
                problems++;
                yield return RuleResult.Fail(Info, f.Begin.Where, $"{f.Kind} '{labels[0]}' is never referred to in the text",
                    $@"discuss it in the text: ""{Capital(f.Kind)}~\ref{{{labels[0]}}} shows …"", or remove it");
            }
        }
        if (problems == 0) yield return RuleResult.Pass(Info, $"{floats.Count} figure(s) and table(s), all captioned and referred to");
    }

    private IEnumerable<RuleResult> FromPdf(PdfLayout layout)
    {
        var captions = layout.Lines.Select(l => (Line: l, Match: Caption().Match(l.Text))).Where(c => c.Match.Success).ToList();
        var text = string.Join(' ', layout.Lines.Select(l => l.Text));
        int problems = 0;
        foreach (var (line, match) in captions)
        {
            string kind = match.Groups[1].Value, number = match.Groups[2].Value;
            int mentions = new Regex($@"\b({kind}|{kind[..3]}\.)\s*{Regex.Escape(number)}\b(?!:)").Matches(text).Count;
            if (mentions > 0) continue;
            problems++;
            yield return RuleResult.Fail(Info, $"page {line.Page}", $"{kind} {number} is never referred to in the text", $"discuss it in the text (\"{kind} {number} shows …\") or remove it");
        }
        if (problems == 0) yield return RuleResult.Pass(Info, $"{captions.Count} captioned figure(s) and table(s), all referred to (uncaptioned floats need the LaTeX source to be found)");
    }

    private static string Capital(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];

    [GeneratedRegex(@"^(Figure|Table)\s+(\d+):")]
    private static partial Regex Caption();
}
