using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>The code is described, never included whole: no listings longer than a short excerpt, no whole source files.</summary>
internal sealed partial class CodeListingRule : IReportRule
{
    public const int MaxListingLines = 15;
    private static readonly HashSet<string> Listings = ["verbatim", "Verbatim", "lstlisting", "minted", "BVerbatim", "LVerbatim"];

    public RuleInfo Info { get; } = new("code-not-included", RuleSeverity.Hard, $"The code is not included whole (no file inputs, no listing over {MaxListingLines} lines).");

    public IEnumerable<RuleResult> Check(ReportDocument document)
    {
        if (document.Source is null) { yield return RuleResult.Skip(Info, "needs the LaTeX source", "check main.tex, or keep main.tex beside the PDF"); yield break; }
        int problems = 0;
        SourceLine? start = null;
        int length = 0;
        foreach (var line in document.Source.Body)
        {
            if (WholeFile().IsMatch(line.Text))
            {
                problems++;
                yield return RuleResult.Fail(Info, line.Where, "a whole source file is included", "describe the code instead and point to the repository; quote at most a few essential lines");
            }
            foreach (var (name, begins) in LatexSyntax.Environments(line.Text).Where(e => Listings.Contains(e.Name)))
            {
                if (begins) { start = line; length = 0; }
                else if (start is not null)
                {
                    if (length - 1 > MaxListingLines)
                    {
                        problems++;
                        yield return RuleResult.Fail(Info, start.Where, $"a code listing of {length - 1} lines", $"cut it to the essential lines (at most {MaxListingLines}) or describe it in words");
                    }
                    start = null;
                }
            }
            if (start is not null) length++;
        }
        if (problems == 0) yield return RuleResult.Pass(Info, "no code included whole");
    }

    [GeneratedRegex(@"\\(lstinputlisting|inputminted|VerbatimInput|verbatiminput)\b")]
    private static partial Regex WholeFile();
}
