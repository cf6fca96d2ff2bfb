using System.Text.RegularExpressions;
using TheoryLab.Runs;
using TheoryLab.Tests.Conformance;
using TheoryLab.Text;

namespace TheoryLab.Tests.Registry;

[Collection(QuickRunsCollection.Name)]
[Trait("Category", QuickRunsCollection.Category)]
public partial class EmittedTextTests(QuickRuns quick)
{
    [Fact]
    public void EveryStringAnExperimentWritesIntoLatex_HasEverySymbolConverted_AndNoLiteralCaret()
    {
        var problems = new List<string>();
        foreach (var run in quick.Runs)
            foreach (var text in Texts(run))
            {
                var unconverted = LatexText.Unconverted(text).ToList();
                if (unconverted.Count > 0) problems.Add($"{run.Experiment.Id}: '{string.Concat(unconverted)}' in \"{text}\"");
                if (LatexText.From(text).Contains(@"\textasciicircum", StringComparison.Ordinal)) problems.Add($"{run.Experiment.Id}: a literal ^ in \"{text}\"");
            }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Prose (captions, labels, meanings) writes 10⁻⁶, not .NET's "1E-06"; option values keep their round-trip form.</summary>
    [Fact]
    public void CaptionsLabelsAndMeanings_WriteNoComputerNotation()
    {
        var problems = quick.Runs.SelectMany(run => Prose(run).Where(text => ComputerNotation().IsMatch(text)).Select(text => $"{run.Experiment.Id}: \"{text}\"")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\d[eE][+-]?\d")]
    private static partial Regex ComputerNotation();

    /// <summary>The PNGs set labels without TeX: no caret but before a power Unicode cannot raise, no subscript underscore.</summary>
    [Fact]
    public void PictureLabels_ShowNoRawScripts()
    {
        var problems = quick.Runs
            .SelectMany(run => run.Result.Figures.SelectMany(f => new[] { f.X.Label, f.Y.Label }.Concat(f.Series.Select(s => s.Label)))
                .Select(PictureText.From).Where(text => RawScript().IsMatch(text)).Select(text => $"{run.Experiment.Id}: \"{text}\""))
            .Distinct().ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\^[^(]|(?<![\p{L}\p{N}_])\p{L}_")]
    private static partial Regex RawScript();

    [Fact]
    public void FindingsJson_KeepsTheUnicodeOfEveryMeaning()
    {
        foreach (var run in quick.Runs)
            Assert.Equal(run.Result.Findings.Select(f => f.Meaning), FindingsFile.Read(Path.Combine(run.Directory, RunLayout.FindingsFile)).Select(f => f.Meaning));
    }

    /// <summary>What the gallery, the captions and the pictures set from a run: titles, summaries, findings, captions, axes and legends.</summary>
    private static IEnumerable<string> Texts(QuickRun run) =>
        Prose(run).Concat(run.Experiment.Schema.Values(run.Experiment.QuickOptions).Values);

    private static IEnumerable<string> Prose(QuickRun run)
    {
        yield return run.Experiment.Title;
        yield return run.Experiment.Summary;
        foreach (var f in run.Result.Findings)
        {
            yield return f.Meaning;
            yield return f.Unit;
            if (f.ExpectedSource is { } source) yield return source;
        }
        foreach (var figure in run.Result.Figures)
        {
            yield return figure.Caption;
            yield return figure.X.Label;
            yield return figure.Y.Label;
            foreach (var series in figure.Series) yield return series.Label;
        }
    }
}
